package caldav

// SetLimits sets c's caps on answers: tests use small ones.
func SetLimits(c *Client, report, answer int64, depth int) {
	c.doer.lim = limits{report: report, answer: answer, depth: depth}
}

// DepthOK feeds data to the XML depth check in chunks of n bytes and
// reports whether it stayed within max.
func DepthOK(data string, max, n int) bool {
	s := depthScanner{max: max}
	for len(data) > 0 {
		k := min(n, len(data))
		if !s.scan([]byte(data[:k])) {
			return false
		}
		data = data[k:]
	}
	return true
}
