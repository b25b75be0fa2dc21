package main

import (
	"archive/tar"
	"errors"
	"io"
	"log"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/remote"
)

// The stand-ins of ../images, pushed to a registry of their own, as the notes pull them.
func TestTheStandInsAreServedAsTheNotesNameThem(t *testing.T) {
	server := httptest.NewServer(registry.New(registry.Logger(log.New(io.Discard, "", 0))))
	defer server.Close()
	addr := strings.TrimPrefix(server.URL, "http://")
	n, err := pushStandIns("../images", "/bin/busybox", addr)
	if err != nil {
		t.Fatal(err)
	}
	if n < 3 {
		t.Fatalf("%d stand-ins", n)
	}

	sleep := pull(t, addr, "kiamol/ch03-sleep:latest")
	cfg, _ := sleep.ConfigFile()
	if got := strings.Join(cfg.Config.Cmd, " "); got != "sleep 100000" {
		t.Fatalf("ch03-sleep runs %q", got)
	}
	files := filesOf(t, sleep)
	for _, f := range []string{"bin/busybox", "bin/sh", "bin/ping", "usr/bin/nslookup", "usr/bin/wget", "etc/passwd"} {
		if _, ok := files[f]; !ok {
			t.Errorf("ch03-sleep has no %s", f)
		}
	}
	if tmp := files["tmp"]; tmp == nil && files["tmp/"] == nil {
		t.Error("ch03-sleep has no /tmp")
	}
	if files["bin/sh"].Linkname != "/bin/busybox" {
		t.Errorf("bin/sh links to %q", files["bin/sh"].Linkname)
	}

	hello := pull(t, addr, "kiamol/ch02-hello-kiamol:latest")
	cfg, _ = hello.ConfigFile()
	if _, ok := cfg.Config.ExposedPorts["80/tcp"]; !ok || cfg.OS != "linux" {
		t.Fatalf("ch02-hello-kiamol: ports %v, os %q", cfg.Config.ExposedPorts, cfg.OS)
	}
	if _, ok := filesOf(t, hello)["usr/share/nginx/html/index.html"]; !ok {
		t.Fatal("ch02-hello-kiamol has no page")
	}
	// The same busybox layer under every stand-in: pulled once per node.
	a, _ := sleep.Layers()
	b, _ := hello.Layers()
	da, _ := a[0].Digest()
	db, _ := b[0].Digest()
	if da != db {
		t.Fatalf("base layers differ: %s, %s", da, db)
	}
}

func TestAStandInListThatCannotBeReadSaysWhere(t *testing.T) {
	_, err := pushStandIns(t.TempDir(), "/bin/busybox", "127.0.0.1:1")
	if err == nil || !strings.Contains(err.Error(), "stand-ins.json") {
		t.Fatalf("err = %v", err)
	}
}

func pull(t *testing.T, addr, ref string) v1.Image {
	t.Helper()
	r, err := name.ParseReference(addr+"/"+ref, name.Insecure)
	if err != nil {
		t.Fatal(err)
	}
	img, err := remote.Image(r)
	if err != nil {
		t.Fatalf("%s: %v", ref, err)
	}
	return img
}

func filesOf(t *testing.T, img v1.Image) map[string]*tar.Header {
	t.Helper()
	files := map[string]*tar.Header{}
	rc := mutate.Extract(img)
	defer rc.Close()
	tr := tar.NewReader(rc)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return files
		}
		if err != nil {
			t.Fatal(err)
		}
		files[h.Name] = h
	}
}
