package main

import (
	"reflect"
	"testing"
)

func TestWithSelectedAddsMatchingPodsOfTheNamespace(t *testing.T) {
	pods := []selectablePod{
		{namespace: "shop", labels: map[string]string{"app": "web", "pod-template-hash": "x"}, endpoint: ServiceEndpoint{Pod: "shop/web-x-1", IP: "10.0.0.5"}},
		{namespace: "shop", labels: map[string]string{"app": "db"}, endpoint: ServiceEndpoint{Pod: "shop/db", IP: "10.0.0.6"}},
		{namespace: "other", labels: map[string]string{"app": "web"}, endpoint: ServiceEndpoint{Pod: "other/web", IP: "10.0.0.7"}},
		{namespace: "shop", labels: map[string]string{"app": "web"}, endpoint: ServiceEndpoint{Pod: "shop/a", IP: "10.0.0.2"}},
	}
	declared := ServiceEndpoint{Pod: "shop/a", IP: "10.0.0.2", Ready: true, NamedPorts: map[string]int{"http": 80}}
	s := ServiceSpec{Namespace: "shop", Selector: map[string]string{"app": "web"}, Endpoints: []ServiceEndpoint{declared}}
	got := withSelected(s, pods)
	want := []ServiceEndpoint{declared, {Pod: "shop/web-x-1", IP: "10.0.0.5"}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
}

func TestWithSelectedKeepsEndpointsWithoutSelector(t *testing.T) {
	eps := []ServiceEndpoint{{Pod: "default/b", IP: "10.0.0.3"}}
	pods := []selectablePod{{namespace: "default", labels: map[string]string{"app": "web"}, endpoint: ServiceEndpoint{Pod: "default/c"}}}
	if got := withSelected(ServiceSpec{Namespace: "default", Endpoints: eps}, pods); !reflect.DeepEqual(got, eps) {
		t.Fatalf("got %+v", got)
	}
}

func TestSelectableOfNeedsAnAddress(t *testing.T) {
	if _, ok := selectableOf(&Pod{Namespace: "a", Name: "b"}); ok {
		t.Fatal("a pod without ip was selectable")
	}
	p, ok := selectableOf(&Pod{Namespace: "a", Name: "b", IP: "10.0.0.9", Labels: map[string]string{"k": "v"}, NamedPorts: map[string]int{"http": 8080}})
	if !ok || p.endpoint.Pod != "a/b" || p.endpoint.IP != "10.0.0.9" || p.endpoint.NamedPorts["http"] != 8080 || p.labels["k"] != "v" {
		t.Fatalf("got %+v", p)
	}
}
