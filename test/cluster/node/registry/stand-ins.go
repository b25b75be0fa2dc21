package main

import (
	"archive/tar"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

// One stand-in image of stand-ins.json: the name a note pulls, and the program (a busybox
// one, or a script of files/) it runs where the real image runs the author's.
type standIn struct {
	Ref        string   `json:"ref"`
	Entrypoint []string `json:"entrypoint"`
	Cmd        []string `json:"cmd"`
	Env        []string `json:"env"`
	Ports      []string `json:"ports"`
	WorkingDir string   `json:"workingDir"`
	// A folder under files/ copied to the image's root.
	Files string `json:"files"`
}

// pushStandIns builds every stand-in of DIR/stand-ins.json on one shared busybox layer and
// pushes it to the registry at addr (this program's own listener). Returns how many.
func pushStandIns(dir, busybox, addr string) (int, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "stand-ins.json"))
	if err != nil {
		return 0, err
	}
	var list struct {
		Images []standIn `json:"images"`
	}
	if err := json.Unmarshal(raw, &list); err != nil {
		return 0, fmt.Errorf("%s: %v", filepath.Join(dir, "stand-ins.json"), err)
	}
	base, err := busyboxLayer(busybox)
	if err != nil {
		return 0, err
	}
	for _, s := range list.Images {
		img, err := build(s, base, dir)
		if err != nil {
			return 0, fmt.Errorf("%s: %v", s.Ref, err)
		}
		ref, err := name.ParseReference(addr+"/"+s.Ref, name.Insecure)
		if err != nil {
			return 0, fmt.Errorf("%s: %v", s.Ref, err)
		}
		if err := remote.Write(ref, img); err != nil {
			return 0, fmt.Errorf("%s: %v", s.Ref, err)
		}
	}
	return len(list.Images), nil
}

func build(s standIn, base v1.Layer, dir string) (v1.Image, error) {
	ports := map[string]struct{}{}
	for _, p := range s.Ports {
		ports[p] = struct{}{}
	}
	env := append([]string{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}, s.Env...)
	img, err := mutate.ConfigFile(empty.Image, &v1.ConfigFile{
		Architecture: runtime.GOARCH,
		OS:           "linux",
		Config: v1.Config{
			Entrypoint: s.Entrypoint, Cmd: s.Cmd, Env: env, ExposedPorts: ports, WorkingDir: s.WorkingDir,
		},
	})
	if err != nil {
		return nil, err
	}
	layers := []v1.Layer{base}
	if s.Files != "" {
		files, err := folderLayer(filepath.Join(dir, "files", s.Files))
		if err != nil {
			return nil, err
		}
		layers = append(layers, files)
	}
	return mutate.AppendLayers(img, layers...)
}

// The epoch for every file: the same stand-in gets the same digest on every start.
var epoch = time.Unix(0, 0)

// busyboxLayer: /bin/busybox with a link for each of its programs (as busybox --list-full
// names them), a root user and a /tmp.
func busyboxLayer(busybox string) (v1.Layer, error) {
	bin, err := os.ReadFile(busybox)
	if err != nil {
		return nil, err
	}
	out, err := exec.Command(busybox, "--list-full").Output()
	if err != nil {
		return nil, fmt.Errorf("%s --list-full: %v", busybox, err)
	}
	var b bytes.Buffer
	t := tar.NewWriter(&b)
	for _, d := range []string{"bin", "sbin", "usr", "usr/bin", "usr/sbin", "etc", "root", "var", "var/www"} {
		t.WriteHeader(&tar.Header{Typeflag: tar.TypeDir, Name: d + "/", Mode: 0o755, ModTime: epoch})
	}
	t.WriteHeader(&tar.Header{Typeflag: tar.TypeDir, Name: "tmp/", Mode: 0o1777, ModTime: epoch})
	t.WriteHeader(&tar.Header{Typeflag: tar.TypeReg, Name: "bin/busybox", Mode: 0o755, Size: int64(len(bin)), ModTime: epoch})
	t.Write(bin)
	for _, f := range []struct{ name, text string }{
		{"etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n"},
		{"etc/group", "root:x:0:\nnogroup:x:65534:\n"},
	} {
		t.WriteHeader(&tar.Header{Typeflag: tar.TypeReg, Name: f.name, Mode: 0o644, Size: int64(len(f.text)), ModTime: epoch})
		t.Write([]byte(f.text))
	}
	for _, p := range strings.Fields(string(out)) {
		if p == "bin/busybox" {
			continue
		}
		t.WriteHeader(&tar.Header{Typeflag: tar.TypeSymlink, Name: p, Linkname: "/bin/busybox", Mode: 0o777, ModTime: epoch})
	}
	if err := t.Close(); err != nil {
		return nil, err
	}
	return layerOf(b.Bytes())
}

// folderLayer: the files of one stand-in, with the modes they have in the repository.
func folderLayer(root string) (v1.Layer, error) {
	var b bytes.Buffer
	t := tar.NewWriter(&b)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || path == root {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		info, err := d.Info()
		if err != nil {
			return err
		}
		if d.IsDir() {
			return t.WriteHeader(&tar.Header{Typeflag: tar.TypeDir, Name: rel + "/", Mode: 0o755, ModTime: epoch})
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		mode := int64(0o644)
		if info.Mode()&0o111 != 0 {
			mode = 0o755
		}
		if err := t.WriteHeader(&tar.Header{Typeflag: tar.TypeReg, Name: rel, Mode: mode, Size: int64(len(data)), ModTime: epoch}); err != nil {
			return err
		}
		_, err = t.Write(data)
		return err
	})
	if err != nil {
		return nil, err
	}
	if err := t.Close(); err != nil {
		return nil, err
	}
	return layerOf(b.Bytes())
}

func layerOf(tarBytes []byte) (v1.Layer, error) {
	return tarball.LayerFromOpener(func() (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(tarBytes)), nil
	})
}
