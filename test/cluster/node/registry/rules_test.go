package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// served answers 200 "image" to everything: what the registry would do without rules.
var served = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("image")) })

func rulesFile(t *testing.T, text string) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "rules")
	if err := os.WriteFile(f, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return f
}

func get(h http.Handler, method, path string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(method, path, nil))
	return w
}

func TestARefusedRepositoryHasNoManifestsAndOthersAreServed(t *testing.T) {
	h := withRules(rulesFile(t, "refuse kiamol/ch03-sleep\n"), served)
	w := get(h, http.MethodGet, "/v2/kiamol/ch03-sleep/manifests/latest")
	if w.Code != http.StatusNotFound || !strings.Contains(w.Body.String(), "MANIFEST_UNKNOWN") {
		t.Fatalf("refused manifest: %d %q", w.Code, w.Body.String())
	}
	if w := get(h, http.MethodHead, "/v2/kiamol/ch03-sleep/manifests/latest"); w.Code != http.StatusNotFound {
		t.Fatalf("refused manifest HEAD: %d", w.Code)
	}
	for _, p := range []string{"/v2/kiamol/ch03-sleep-2/manifests/latest", "/v2/kiamol/ch02-hello-kiamol/manifests/latest", "/v2/"} {
		if w := get(h, http.MethodGet, p); w.Code != http.StatusOK {
			t.Fatalf("%s: %d, want it served", p, w.Code)
		}
	}
}

func TestPushesAreNeverRefused(t *testing.T) {
	h := withRules(rulesFile(t, "refuse kiamol/ch03-sleep\n"), served)
	if w := get(h, http.MethodPut, "/v2/kiamol/ch03-sleep/manifests/latest"); w.Code != http.StatusOK {
		t.Fatalf("push: %d", w.Code)
	}
}

func TestASlowRepositoryIsServedAfterItsDelay(t *testing.T) {
	h := withRules(rulesFile(t, "slow kiamol/ch03-sleep 300ms\n"), served)
	start := time.Now()
	if w := get(h, http.MethodGet, "/v2/kiamol/ch03-sleep/blobs/sha256:abc"); w.Code != http.StatusOK {
		t.Fatalf("slow blob: %d", w.Code)
	}
	if d := time.Since(start); d < 300*time.Millisecond {
		t.Fatalf("served after %s, want at least 300ms", d)
	}
	start = time.Now()
	get(h, http.MethodGet, "/v2/kiamol/other/blobs/sha256:abc")
	if d := time.Since(start); d > 100*time.Millisecond {
		t.Fatalf("another repository waited %s", d)
	}
}

func TestRulesAreReadOnEveryRequestAndBadLinesIgnored(t *testing.T) {
	f := rulesFile(t, "refuse\nslow kiamol/ch03-sleep soon\n")
	h := withRules(f, served)
	if w := get(h, http.MethodGet, "/v2/kiamol/ch03-sleep/manifests/latest"); w.Code != http.StatusOK {
		t.Fatalf("with only unreadable rules: %d", w.Code)
	}
	os.WriteFile(f, []byte("refuse kiamol/ch03-sleep\n"), 0o644)
	if w := get(h, http.MethodGet, "/v2/kiamol/ch03-sleep/manifests/latest"); w.Code != http.StatusNotFound {
		t.Fatalf("after the rule was written: %d", w.Code)
	}
	os.Remove(f)
	if w := get(h, http.MethodGet, "/v2/kiamol/ch03-sleep/manifests/latest"); w.Code != http.StatusOK {
		t.Fatalf("with no rules file: %d", w.Code)
	}
}
