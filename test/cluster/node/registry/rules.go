package main

import (
	"bufio"
	"net/http"
	"os"
	"regexp"
	"strings"
	"time"
)

// A rule the tests wrote for one repository (e.g. kiamol/ch03-sleep):
//
//	slow kiamol/ch03-sleep 8s    every manifest and blob of it is served after 8 s
//	refuse kiamol/ch03-sleep     its manifests are unknown (404 MANIFEST_UNKNOWN)
type rule struct {
	verb  string
	repo  string
	delay time.Duration
}

// The repository and the kind of object of a pull request: /v2/<repo>/manifests/<ref>.
var pullPath = regexp.MustCompile(`^/v2/(.+)/(manifests|blobs)/[^/]+$`)

// readRules reads the rules file; a missing file is no rules, a line it cannot read is ignored
// (the tests write it, and a typo must not take the registry down in the middle of a run).
func readRules(file string) []rule {
	f, err := os.Open(file)
	if err != nil {
		return nil
	}
	defer f.Close()
	var rules []rule
	lines := bufio.NewScanner(f)
	for lines.Scan() {
		fields := strings.Fields(lines.Text())
		switch {
		case len(fields) == 2 && fields[0] == "refuse":
			rules = append(rules, rule{verb: "refuse", repo: fields[1]})
		case len(fields) == 3 && fields[0] == "slow":
			if d, err := time.ParseDuration(fields[2]); err == nil {
				rules = append(rules, rule{verb: "slow", repo: fields[1], delay: d})
			}
		}
	}
	return rules
}

// withRules applies the rules file, read again on every pull request, before the registry.
// Pushes (the stand-ins at start) are never touched.
func withRules(file string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m := pullPath.FindStringSubmatch(r.URL.Path)
		if file == "" || m == nil || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
			next.ServeHTTP(w, r)
			return
		}
		repo, kind := m[1], m[2]
		for _, rule := range readRules(file) {
			if rule.repo != repo {
				continue
			}
			if rule.verb == "slow" {
				time.Sleep(rule.delay)
			}
			if rule.verb == "refuse" && kind == "manifests" {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusNotFound)
				if r.Method == http.MethodGet {
					w.Write([]byte(`{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}`))
				}
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}
