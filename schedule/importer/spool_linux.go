//go:build linux

package importer

import "golang.org/x/sys/unix"

// reserve maps size bytes of memory from the kernel, outside Go's heap,
// for a download of unknown length: only the pages written to cost
// memory. The caller gives each part back (giveBack) once it is copied to
// the Go heap and finally unmaps it all (release). nil when the kernel
// says no (a 32-bit address space): then readChunks does the work.
func reserve(size int64) (region []byte, release func()) {
	if int64(int(size)) != size {
		return nil, nil
	}
	b, err := unix.Mmap(-1, 0, int(size), unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANON)
	if err != nil {
		return nil, nil
	}
	return b, func() { _ = unix.Munmap(b) }
}

// giveBack returns the pages of part (which starts on a page boundary of
// a reserved region) to the kernel: the bytes are copied, so the memory
// they held is free at once, not at the end of the copy.
func giveBack(part []byte) { _ = unix.Madvise(part, unix.MADV_DONTNEED) }
