// Command coredns is CoreDNS v1.14 with the plugins the local one-node cluster's DNS uses and
// nothing else: the full plugin set pulls cloud SDKs that the Go module proxy here refuses.
package main

import (
	"github.com/coredns/coredns/core/dnsserver"
	"github.com/coredns/coredns/coremain"

	_ "github.com/coredns/coredns/plugin/bind"
	_ "github.com/coredns/coredns/plugin/cache"
	_ "github.com/coredns/coredns/plugin/errors"
	_ "github.com/coredns/coredns/plugin/forward"
	_ "github.com/coredns/coredns/plugin/health"
	_ "github.com/coredns/coredns/plugin/kubernetes"
	_ "github.com/coredns/coredns/plugin/loadbalance"
	_ "github.com/coredns/coredns/plugin/log"
	_ "github.com/coredns/coredns/plugin/ready"
)

// Plugin order, as in CoreDNS's plugin.cfg: the order of this list, not of the Corefile,
// decides which plugin sees a query first.
func init() {
	dnsserver.Directives = []string{
		"bind", "health", "ready", "errors", "log", "cache", "loadbalance", "kubernetes", "forward",
	}
}

func main() { coremain.Run() }
