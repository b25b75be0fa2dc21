// The image registry of the real-node flavour: an in-memory registry
// (go-containerregistry's) that containerd uses as docker.io, holding the project's
// stand-in images (stand-ins.go), with a rules file the tests write to make a pull
// slow or refuse an image, so that cold pulls and ErrImagePull are the cluster's own.
//
//	registry -listen 127.0.0.1:5000 -images DIR -busybox /bin/busybox -rules FILE
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/google/go-containerregistry/pkg/registry"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:5000", "address to serve the registry on")
	images := flag.String("images", "", "folder of stand-in images (stand-ins.json and files/)")
	busybox := flag.String("busybox", "/bin/busybox", "the static busybox every stand-in is built on")
	rulesFile := flag.String("rules", "", "file of rules (slow REPO DURATION, refuse REPO), read on every request")
	flag.Parse()

	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		log.Fatalf("registry: %v", err)
	}
	served := registry.New(registry.Logger(log.New(os.Stderr, "", log.LstdFlags)))
	go func() { log.Fatal(http.Serve(ln, withRules(*rulesFile, served))) }()

	if *images != "" {
		start := time.Now()
		n, err := pushStandIns(*images, *busybox, ln.Addr().String())
		if err != nil {
			log.Fatalf("registry: stand-in images: %v", err)
		}
		log.Printf("registry: %d stand-in images pushed in %s", n, time.Since(start).Round(time.Millisecond))
	}
	// The start script waits for this line: every image is there once it is printed.
	fmt.Println("registry: ready on", ln.Addr().String())
	select {}
}
