package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// docker is a minimal Docker Engine API client over the unix socket: the few calls the agent makes.
type docker struct{ http *http.Client }

func newDocker(socket string) docker {
	transport := &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, "unix", socket)
		},
	}
	return docker{&http.Client{Transport: transport}}
}

// errNotFound is Docker's 404: the container is gone.
var errNotFound = errors.New("no such container")

// containerState is the part of a container's State that the decisions read.
type containerState struct {
	Running bool
	// Docker is about to start it again by its restart policy.
	Restarting bool
	ExitCode   int
	FinishedAt string
	Pid        int
	StartedAt  string
	Error      string
}

// do sends one request, with the deadline of ctx, and returns the response for the caller to close;
// an answer of 400 or above becomes an error carrying Docker's message.
func (d docker) do(ctx context.Context, method, path string, query url.Values) (*http.Response, error) {
	u := "http://docker/v1.41" + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, method, u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := d.http.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode < 400 {
		return resp, nil
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotFound {
		return nil, errNotFound
	}
	var body struct{ Message string }
	data, _ := io.ReadAll(resp.Body)
	if json.Unmarshal(data, &body) != nil || body.Message == "" {
		body.Message = strings.TrimSpace(string(data))
	}
	return nil, errors.New(body.Message)
}

// call is do for the short calls: it waits at most a minute and decodes the answer into out, if any.
func (d docker) call(method, path string, query url.Values, out any) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	resp, err := d.do(ctx, method, path, query)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if out == nil {
		return nil
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

func (d docker) inspect(id string) (containerState, error) {
	var c struct{ State containerState }
	err := d.call(http.MethodGet, "/containers/"+url.PathEscape(id)+"/json", nil, &c)
	return c.State, err
}

// start answers 304 for a running container, which is no error.
func (d docker) start(id string) error {
	return d.call(http.MethodPost, "/containers/"+url.PathEscape(id)+"/start", nil, nil)
}

// stop gives the container 10 s after SIGTERM, as Kubernetes' grace period does by default.
func (d docker) stop(id string) error {
	return d.call(http.MethodPost, "/containers/"+url.PathEscape(id)+"/stop", url.Values{"t": {"10"}}, nil)
}

// wait returns the exit code once the container is not running, or fails after timeout.
func (d docker) wait(id string, timeout time.Duration) (int, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	resp, err := d.do(ctx, http.MethodPost, "/containers/"+url.PathEscape(id)+"/wait", nil)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	var result struct {
		StatusCode int
		Error      *struct{ Message string }
	}
	if err := json.NewDecoder(resp.Body).Decode(&result); err != nil {
		return 0, err
	}
	if result.Error != nil && result.Error.Message != "" {
		return 0, errors.New(result.Error.Message)
	}
	return result.StatusCode, nil
}

// events streams container start and die events since the given time (Docker replays the ones already
// past), calling seen with each one's container, until the stream ends.
func (d docker) events(ctx context.Context, since time.Time, seen func(id, name string)) error {
	filters, _ := json.Marshal(map[string][]string{"type": {"container"}, "event": {"start", "die"}})
	query := url.Values{"filters": {string(filters)}, "since": {strconv.FormatInt(since.Unix(), 10)}}
	resp, err := d.do(ctx, http.MethodGet, "/events", query)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	decoder := json.NewDecoder(resp.Body)
	for {
		var event struct {
			Actor struct {
				ID         string
				Attributes map[string]string
			}
		}
		if err := decoder.Decode(&event); err != nil {
			return fmt.Errorf("events stream ended: %w", err)
		}
		seen(event.Actor.ID, event.Actor.Attributes["name"])
	}
}
