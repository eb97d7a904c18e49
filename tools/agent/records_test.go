package main

import (
	"testing"

	"podling.dev/tools/internal/golden"
)

// A headless service's hosts file lists each ready endpoint's address once, in address order: the same
// text as the provider writes (test/unit/dns-records.test.ts renders this case into the same golden file).
func TestRecordsMatchGolden(t *testing.T) {
	endpoints := []ServiceEndpoint{
		{Pod: "shop/api-2", IP: "10.244.1.21", Ready: true},
		{Pod: "shop/api-1", IP: "10.244.0.20", Ready: true},
		{Pod: "shop/api-3", IP: "10.244.2.22", Ready: false},
		{Pod: "shop/api-4", IP: "10.244.1.21", Ready: true},
	}
	golden.Expect(t, "dns-headless.hosts", renderRecords("api.shop.svc.cluster.local", endpoints))
	if got := renderRecords("api.shop.svc.cluster.local", endpoints[2:3]); got != "" {
		t.Errorf("no ready endpoint: got %q, want an empty file", got)
	}
}

// Pods whose subdomain names the service also get <hostname>.<service's name>, ready ones only, in name
// order (test/unit/dns-records.test.ts renders the same case into the same golden file).
func TestRecordsWithHostnamesMatchGolden(t *testing.T) {
	endpoints := []ServiceEndpoint{
		{Pod: "shop/db-1", IP: "10.244.0.20", Ready: true, Hostname: "db-1"},
		{Pod: "shop/db-0", IP: "10.244.1.21", Ready: true, Hostname: "db-0"},
		{Pod: "shop/db-2", IP: "10.244.2.22", Ready: false, Hostname: "db-2"},
	}
	golden.Expect(t, "dns-headless-hostnames.hosts", renderRecords("db.shop.svc.cluster.local", endpoints))
}
