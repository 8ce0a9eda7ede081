// Command genwinzones writes windowszones_gen.go from CLDR's
// windowsZones.xml. It is run by go generate in schedule/importer:
//
//	go generate ./schedule/importer
package main

import (
	"flag"
	"log"
	"os"

	"github.com/plan-cli/plan/schedule/importer/internal/windowszones"
)

func main() {
	in := flag.String("in", windowszones.File, "CLDR windowsZones.xml")
	out := flag.String("out", "windowszones_gen.go", "Go file to write")
	flag.Parse()
	src, err := os.ReadFile(*in)
	if err != nil {
		log.Fatal(err)
	}
	code, err := windowszones.Generate(src)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, code, 0o644); err != nil {
		log.Fatal(err)
	}
}
