// Command podling-probe is the test workload for reachability checks between pods.
//
//	podling-probe serve NAME TCP_PORTS UDP_PORTS    answer every TCP connection and UDP datagram with
//	                                                "NAME from PEER_IP", so a test sees the source address
//	podling-probe check TIMEOUT TARGET...           TARGET is ip:port/tcp or ip:port/udp; probes all at once;
//	                                                ip:port/proto@SPORT sends from local port SPORT
//
//	podling-probe bench-serve PORT                  the peer of latency and throughput (echo or sink per connection)
//	podling-probe latency TARGET COUNT              ip:port of a bench-serve: connect+round-trip and round-trip times
//	podling-probe throughput TARGET SECONDS         one TCP stream to a bench-serve; bytes the server received
//
//	podling-probe udp-log PORT                      print each UDP datagram received, "\"PAYLOAD\" from PEER_IP"
//	podling-probe send IP:PORT PAYLOAD              send one UDP datagram
//	podling-probe resolve NAME                      print NAME's IPv4 addresses, one a line in order, as an
//	                                                application's resolver finds them (resolv.conf's search
//	                                                path and ndots; busybox nslookup searches only dotless names)
//	podling-probe forge SRC_IP IP:PORT PAYLOAD      send one UDP datagram whose IPv4 source is SRC_IP, through a
//	                                                raw socket; exits 3 when the kernel refuses that socket
//	                                                (a container without NET_RAW)
//
// check prints one line per target, "TARGET ok NAME from PEER_IP" or "TARGET fail REASON", and always exits 0.
// latency and throughput print one JSON object.
package main

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

func main() {
	if len(os.Args) >= 5 && os.Args[1] == "serve" {
		serve(os.Args[2], splitPorts(os.Args[3]), splitPorts(os.Args[4]))
		return
	}
	if len(os.Args) >= 3 && os.Args[1] == "check" {
		timeout, err := time.ParseDuration(os.Args[2])
		if err != nil {
			fmt.Fprintln(os.Stderr, "bad timeout:", err)
			os.Exit(2)
		}
		check(timeout, os.Args[3:])
		return
	}
	if len(os.Args) == 3 && os.Args[1] == "bench-serve" {
		benchServe(os.Args[2])
		return
	}
	if len(os.Args) == 4 && (os.Args[1] == "latency" || os.Args[1] == "throughput") {
		n, err := strconv.Atoi(os.Args[3])
		if err != nil || n < 1 {
			fmt.Fprintln(os.Stderr, "COUNT and SECONDS are positive whole numbers")
			os.Exit(2)
		}
		if os.Args[1] == "latency" {
			err = latency(os.Args[2], n)
		} else {
			err = throughput(os.Args[2], time.Duration(n)*time.Second)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	if len(os.Args) == 3 && os.Args[1] == "udp-log" {
		udpLog(os.Args[2])
		return
	}
	if len(os.Args) == 4 && os.Args[1] == "send" {
		if err := send(os.Args[2], os.Args[3]); err != nil {
			fmt.Fprintln(os.Stderr, "send:", err)
			os.Exit(1)
		}
		return
	}
	if len(os.Args) == 3 && os.Args[1] == "resolve" {
		if err := resolve(os.Args[2]); err != nil {
			fmt.Fprintln(os.Stderr, "resolve:", err)
			os.Exit(1)
		}
		return
	}
	if len(os.Args) == 5 && os.Args[1] == "forge" {
		forge(os.Args[2], os.Args[3], os.Args[4])
		return
	}
	fmt.Fprintln(os.Stderr, "usage: podling-probe serve NAME TCP_PORTS UDP_PORTS | check TIMEOUT ip:port/proto... | bench-serve PORT | latency TARGET COUNT | throughput TARGET SECONDS | udp-log PORT | send IP:PORT PAYLOAD | forge SRC_IP IP:PORT PAYLOAD | resolve NAME")
	os.Exit(2)
}

func splitPorts(list string) []string {
	if list == "" || list == "-" {
		return nil
	}
	return strings.Split(list, ",")
}

func serve(name string, tcpPorts, udpPorts []string) {
	reply := func(peer net.Addr) []byte {
		host, _, _ := net.SplitHostPort(peer.String())
		return []byte(name + " from " + host + "\n")
	}
	for _, port := range tcpPorts {
		ln, err := net.Listen("tcp", ":"+port)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		go func() {
			for {
				conn, err := ln.Accept()
				if err != nil {
					continue
				}
				conn.Write(reply(conn.RemoteAddr()))
				conn.Close()
			}
		}()
	}
	for _, port := range udpPorts {
		pc, err := net.ListenPacket("udp", ":"+port)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		go func() {
			buf := make([]byte, 512)
			for {
				_, addr, err := pc.ReadFrom(buf)
				if err == nil {
					pc.WriteTo(reply(addr), addr)
				}
			}
		}()
	}
	select {}
}

func check(timeout time.Duration, targets []string) {
	results := make([]string, len(targets))
	var wg sync.WaitGroup
	for i, target := range targets {
		wg.Add(1)
		go func(i int, target string) {
			defer wg.Done()
			results[i] = target + " " + probe(target, timeout)
		}(i, target)
	}
	wg.Wait()
	fmt.Println(strings.Join(results, "\n"))
}

func probe(target string, timeout time.Duration) string {
	address, proto, ok := strings.Cut(target, "/")
	proto, sourcePort, fixed := strings.Cut(proto, "@")
	if !ok || (proto != "tcp" && proto != "udp") {
		return "fail bad-target"
	}
	dialer := net.Dialer{Timeout: timeout}
	if fixed {
		port, err := strconv.Atoi(sourcePort)
		if err != nil {
			return "fail bad-target"
		}
		if proto == "udp" {
			dialer.LocalAddr = &net.UDPAddr{Port: port}
		} else {
			dialer.LocalAddr = &net.TCPAddr{Port: port}
		}
	}
	conn, err := dialer.Dial(proto, address)
	if err != nil {
		return "fail " + reason(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(timeout))
	if proto == "udp" {
		if _, err := conn.Write([]byte("ping\n")); err != nil {
			return "fail " + reason(err)
		}
	}
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		return "fail " + reason(err)
	}
	return "ok " + strings.TrimSpace(line)
}

func reason(err error) string {
	text := err.Error()
	switch {
	case strings.Contains(text, "refused"):
		return "refused"
	case strings.Contains(text, "timeout"):
		return "timeout"
	case strings.Contains(text, "unreachable"):
		return "unreachable"
	}
	return strings.ReplaceAll(text, " ", "_")
}

func resolve(name string) error {
	ips, err := net.DefaultResolver.LookupIP(context.Background(), "ip4", name)
	if err != nil {
		return err
	}
	addrs := make([]string, len(ips))
	for i, ip := range ips {
		addrs[i] = ip.String()
	}
	sort.Strings(addrs)
	fmt.Println(strings.Join(addrs, "\n"))
	return nil
}
