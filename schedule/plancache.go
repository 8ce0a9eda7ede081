package schedule

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
)

// The plan cache spares everyday commands the YAML parse of a large plan
// (yaml.v3 takes ~10 ms for a few hundred picks, a third of a command's
// time): after a plan is read or written, its decoded form is kept as
// JSON in the user's cache folder, one file per plan path, headed by the
// SHA-256 of the plan file's bytes. It is used only when that hash matches
// the plan file as it is now, so an edit by hand, a git checkout or a
// copy from another machine is always read from the YAML. Losing or
// corrupting the cache costs only speed.

const planCacheVersion = "plan-cache 1"

func planCachePath(planPath string) string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	abs, err := filepath.Abs(planPath)
	if err != nil {
		return ""
	}
	key := sha256.Sum256([]byte(abs))
	return filepath.Join(dir, "plan", hex.EncodeToString(key[:12])+".json")
}

func planCacheHeader(data []byte) []byte {
	sum := sha256.Sum256(data)
	return []byte(planCacheVersion + " " + hex.EncodeToString(sum[:]) + "\n")
}

// readPlanCache returns the cached plan for exactly these plan bytes.
func readPlanCache(planPath string, data []byte) *Plan {
	path := planCachePath(planPath)
	if path == "" {
		return nil
	}
	cached, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	header := planCacheHeader(data)
	if !bytes.HasPrefix(cached, header) {
		return nil
	}
	p := new(Plan)
	if err := json.Unmarshal(cached[len(header):], p); err != nil {
		return nil
	}
	if err := p.check(planPath, data); err != nil {
		return nil
	}
	return p
}

// writePlanCache stores p as the decoded form of data. Best effort.
func writePlanCache(planPath string, data []byte, p *Plan) {
	path := planCachePath(planPath)
	if path == "" {
		return
	}
	body, err := json.Marshal(p)
	if err != nil {
		return
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return
	}
	_, err1 := tmp.Write(planCacheHeader(data))
	_, err2 := tmp.Write(body)
	if tmp.Close() != nil || err1 != nil || err2 != nil || os.Rename(tmp.Name(), path) != nil {
		os.Remove(tmp.Name())
	}
}
