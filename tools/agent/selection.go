package main

import "sort"

// Services select pods by label here, as the EndpointSlice controller does in Kubernetes: the provider
// names the pods a program declares, and a service's selector adds every other pod of its namespace on
// this network whose desired file carries matching labels (a Deployment's pods, which come and go during
// a rollout without the service being updated). Readiness is then decided for all of them alike.

// selectablePod is a pod whose desired file gives its address and labels.
type selectablePod struct {
	namespace string
	labels    map[string]string
	endpoint  ServiceEndpoint
}

// selectableOf is the pod as selection sees it; a pod without an address cannot be selected.
func selectableOf(p *Pod) (selectablePod, bool) {
	if p.IP == "" {
		return selectablePod{}, false
	}
	ep := ServiceEndpoint{Pod: p.Namespace + "/" + p.Name, IP: p.IP, NamedPorts: p.NamedPorts}
	return selectablePod{namespace: p.Namespace, labels: p.Labels, endpoint: ep}, true
}

// withSelected is the service's endpoints plus the pods its selector selects, each pod once (as the
// provider named it when it did), in pod name order as the provider sorts them.
func withSelected(s ServiceSpec, pods []selectablePod) []ServiceEndpoint {
	if len(s.Selector) == 0 {
		return s.Endpoints
	}
	out := append([]ServiceEndpoint(nil), s.Endpoints...)
	named := map[string]bool{}
	for _, ep := range s.Endpoints {
		named[ep.Pod] = true
	}
	for _, p := range pods {
		if p.namespace == s.Namespace && !named[p.endpoint.Pod] && selects(s.Selector, p.labels) {
			named[p.endpoint.Pod] = true
			out = append(out, p.endpoint)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Pod < out[j].Pod })
	return out
}

// selects says whether every entry of a service's selector is among the labels; an empty selector
// selects nothing, as a Service's does.
func selects(selector, labels map[string]string) bool {
	if len(selector) == 0 {
		return false
	}
	for k, v := range selector {
		if got, ok := labels[k]; !ok || got != v {
			return false
		}
	}
	return true
}
