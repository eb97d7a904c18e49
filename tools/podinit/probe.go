package main

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"
)

// Probe mirrors Kubernetes' Probe with exactly one handler set. The types of the spec follow
// schema/spec.schema.json, the contract with the provider.
type Probe struct {
	Exec                *ExecAction      `json:"exec,omitempty"`
	HTTPGet             *HTTPGetAction   `json:"httpGet,omitempty"`
	TCPSocket           *TCPSocketAction `json:"tcpSocket,omitempty"`
	InitialDelaySeconds int              `json:"initialDelaySeconds"`
	PeriodSeconds       int              `json:"periodSeconds"`
	TimeoutSeconds      int              `json:"timeoutSeconds"`
	FailureThreshold    int              `json:"failureThreshold"`
	SuccessThreshold    int              `json:"successThreshold"`
}

type ExecAction struct {
	Command []string `json:"command"`
}

type HTTPGetAction struct {
	Path   string `json:"path"`
	Port   int    `json:"port"`
	Scheme string `json:"scheme"`
}

type TCPSocketAction struct {
	Port int `json:"port"`
}

// watch runs the probe every period after the initial delay and calls changed each time the outcome
// crosses a threshold: healthy after SuccessThreshold successes in a row, unhealthy after
// FailureThreshold failures in a row (and again on each further failure, with the newest reason).
// healthy is the state before the first probe.
func watch(p *Probe, r *reaper, healthy bool, changed func(healthy bool, why string)) {
	time.Sleep(seconds(p.InitialDelaySeconds))
	successes, failures := 0, 0
	for {
		ok, why := runOnce(p, r)
		if ok {
			successes, failures = successes+1, 0
			if !healthy && successes >= p.SuccessThreshold {
				healthy = true
				changed(true, why)
			}
		} else {
			successes, failures = 0, failures+1
			if failures >= p.FailureThreshold {
				healthy = false
				changed(false, fmt.Sprintf("%s (%d failures in a row)", why, failures))
			}
		}
		time.Sleep(seconds(p.PeriodSeconds))
	}
}

func runOnce(p *Probe, r *reaper) (bool, string) {
	timeout := seconds(p.TimeoutSeconds)
	switch {
	case p.Exec != nil:
		return r.runWithTimeout(p.Exec.Command, timeout)
	case p.HTTPGet != nil:
		return httpProbe(p.HTTPGet, timeout)
	case p.TCPSocket != nil:
		address := fmt.Sprintf("127.0.0.1:%d", p.TCPSocket.Port)
		conn, err := net.DialTimeout("tcp", address, timeout)
		if err != nil {
			return false, fmt.Sprintf("tcpSocket probe of %s: %v", address, err)
		}
		conn.Close()
		return true, "tcpSocket probe succeeded"
	}
	return false, "probe has no handler"
}

func httpProbe(h *HTTPGetAction, timeout time.Duration) (bool, string) {
	scheme := strings.ToLower(h.Scheme)
	if scheme == "" {
		scheme = "http"
	}
	url := fmt.Sprintf("%s://127.0.0.1:%d%s", scheme, h.Port, h.Path)
	client := &http.Client{
		Timeout: timeout,
		// As kubelet does: HTTPS probes do not verify the certificate.
		Transport:     &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, DisableKeepAlives: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return nil },
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	req.Header.Set("User-Agent", "podling-init/probe")
	resp, err := client.Do(req)
	if err != nil {
		return false, fmt.Sprintf("httpGet probe of %s: %v", url, err)
	}
	resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode >= 400 {
		return false, fmt.Sprintf("httpGet probe of %s: HTTP %d", url, resp.StatusCode)
	}
	return true, fmt.Sprintf("httpGet probe of %s: HTTP %d", url, resp.StatusCode)
}
