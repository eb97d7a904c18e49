package main

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"podling.dev/tools/agent/policy"
)

// worldOf is what every enforced pod's firewall is rendered from: it must hold each pod with an
// address once, in name order, every policy with the namespace labels they carry, and each router with
// the pods behind it, selected ones included.
func TestWorldOfHoldsPodsPoliciesAndRouters(t *testing.T) {
	web := &Pod{Namespace: "shop", Name: "web-1", IP: "10.0.0.3", Labels: map[string]string{"app": "web"}}
	api := &Pod{Namespace: "shop", Name: "api", IP: "10.0.0.2", Ports: []policy.ContainerPort{{Name: "http", ContainerPort: 8080, Protocol: "TCP"}}}
	starting := &Pod{Namespace: "shop", Name: "new"} // no address yet: no peer of anything
	np := &NetPol{Policy: policy.Policy{Namespace: "shop", Name: "deny"}, Namespaces: map[string]map[string]string{"shop": {"team": "a"}}}
	router := entry{"system.svc", Desired{System: &System{Service: &ServiceSpec{
		Namespace: "shop", ClusterIP: "10.96.0.10", Selector: map[string]string{"app": "web"},
		Endpoints: []ServiceEndpoint{{Pod: "shop/api", IP: "10.0.0.2"}},
	}}}}
	selectable := []selectablePod{{namespace: "shop", labels: web.Labels, endpoint: ServiceEndpoint{Pod: "shop/web-1", IP: web.IP}}}

	w := worldOf([]*Pod{web, api, starting}, []*NetPol{np}, []entry{router}, selectable)

	var names []string
	for _, p := range w.Pods {
		names = append(names, p.Namespace+"/"+p.Name)
	}
	if want := []string{"shop/api", "shop/web-1"}; !reflect.DeepEqual(names, want) {
		t.Errorf("pods %v, want %v", names, want)
	}
	if w.Pods[1].Ports == nil || w.Pods[0].Labels == nil {
		t.Errorf("absent ports and labels must be empty, not nil (the provider renders [] and {}): %+v", w.Pods)
	}
	if len(w.Policies) != 1 || w.Namespaces["shop"]["team"] != "a" {
		t.Errorf("policies %+v, namespaces %v", w.Policies, w.Namespaces)
	}
	want := []policy.Router{{IP: "10.96.0.10", Endpoints: []string{"shop/api", "shop/web-1"}}}
	if !reflect.DeepEqual(w.Routers, want) {
		t.Errorf("routers %+v, want %+v", w.Routers, want)
	}
}

// A policy that isolates a pod shows in the text the agent loads; with no policy the pod is open.
func TestFirewallTextFollowsThePolicies(t *testing.T) {
	pod := &Pod{Namespace: "shop", Name: "api", IP: "10.0.0.2", Labels: map[string]string{"app": "api"}}
	open := firewallText(pod, worldOf([]*Pod{pod}, nil, nil, nil))
	if strings.Contains(open, "-A INPUT") || !strings.HasPrefix(open, "*filter") {
		t.Errorf("no policy, yet:\n%s", open)
	}
	deny := &NetPol{Policy: policy.Policy{Namespace: "shop", Name: "deny", PolicyTypes: []string{"Ingress"}}}
	closed := firewallText(pod, worldOf([]*Pod{pod}, []*NetPol{deny}, nil, nil))
	if !strings.Contains(closed, "-A INPUT -j PODLING-INGRESS") || !strings.Contains(closed, "-A PODLING-INGRESS -p tcp -j REJECT --reject-with tcp-reset") {
		t.Errorf("default deny, yet:\n%s", closed)
	}
	other := &NetPol{Policy: policy.Policy{Namespace: "other", Name: "deny", PolicyTypes: []string{"Ingress"}}}
	if got := firewallText(pod, worldOf([]*Pod{pod}, []*NetPol{other}, nil, nil)); got != open {
		t.Errorf("a policy of another namespace changed the pod's firewall:\n%s", got)
	}
}

// A router forwards NodePort traffic that its backends see from the router's address: while policies
// exist its filter holds each backend's ingress, a selected (Deployment) pod's too; without policies the
// provider's open filter stands.
func TestRouterFilterCoversSelectedBackends(t *testing.T) {
	backend := &Pod{Namespace: "shop", Name: "api-abc-x1", IP: "10.0.0.7", Labels: map[string]string{"app": "api"}}
	selectable := []selectablePod{{namespace: "shop", labels: backend.Labels, endpoint: ServiceEndpoint{Pod: "shop/api-abc-x1", IP: backend.IP}}}
	router := entry{"system.svc", Desired{System: &System{Service: &ServiceSpec{
		Namespace: "shop", ClusterIP: "10.96.0.10", Selector: map[string]string{"app": "api"},
	}}}}
	if _, ok := routerFilterText(router, worldOf([]*Pod{backend}, nil, []entry{router}, selectable), selectable); ok {
		t.Error("a filter without any policy")
	}
	deny := &NetPol{Policy: policy.Policy{Namespace: "shop", Name: "deny", PolicyTypes: []string{"Ingress"}}}
	text, ok := routerFilterText(router, worldOf([]*Pod{backend}, []*NetPol{deny}, []entry{router}, selectable), selectable)
	if !ok || !strings.Contains(text, "-d 10.0.0.7/32 -j PODLING-BACKEND") {
		t.Errorf("the selected backend's ingress is not in the filter:\n%s", text)
	}
}

// What one pass costs the agent to render every firewall of a network of 100 pods under 10 policies
// (each admitting pods of one app from every namespace), before it compares the texts.
func BenchmarkRenderHundredPods(b *testing.B) {
	var pods []*Pod
	for i := 0; i < 100; i++ {
		pods = append(pods, &Pod{Namespace: "shop", Name: fmt.Sprintf("p%d", i), IP: fmt.Sprintf("10.0.%d.%d", i/200, i%200+2),
			Labels: map[string]string{"app": fmt.Sprintf("a%d", i%10)}, PolicyRevision: "r"})
	}
	var netpols []*NetPol
	for i := 0; i < 10; i++ {
		app := map[string]string{"app": fmt.Sprintf("a%d", i)}
		from := map[string]string{"app": fmt.Sprintf("a%d", (i+1)%10)}
		netpols = append(netpols, &NetPol{Policy: policy.Policy{Namespace: "shop", Name: fmt.Sprintf("np%d", i),
			PodSelector: policy.Selector{MatchLabels: app}, PolicyTypes: []string{"Ingress"},
			Ingress: []policy.IngressRule{{From: []policy.Peer{{PodSelector: &policy.Selector{MatchLabels: from}, NamespaceSelector: &policy.Selector{}}}}}}})
	}
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		w := worldOf(pods, netpols, nil, nil)
		for _, p := range pods {
			_ = firewallText(p, w)
		}
	}
}
