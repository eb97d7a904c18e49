package main

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"sort"
	"time"
)

// A connection's first byte picks its mode: 'e' echoes every byte back, 's' discards everything and,
// at the sender's end of stream, answers with the number of bytes it received (8 bytes, big endian).
func benchServe(port string) {
	ln, err := net.Listen("tcp", ":"+port)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for {
		conn, err := ln.Accept()
		if err != nil {
			continue
		}
		go func(c net.Conn) {
			defer c.Close()
			mode := make([]byte, 1)
			if _, err := io.ReadFull(c, mode); err != nil {
				return
			}
			if mode[0] == 'e' {
				io.Copy(c, c)
				return
			}
			n, _ := io.Copy(io.Discard, c)
			binary.Write(c, binary.BigEndian, n)
		}(conn)
	}
}

// latency: COUNT fresh connections each with one 1-byte round trip (what a short request costs), then
// COUNT round trips on one open connection (the path's own delay). Microseconds, p50 and p99.
func latency(target string, count int) error {
	fresh := make([]time.Duration, 0, count)
	for i := 0; i < count; i++ {
		start := time.Now()
		c, err := openEcho(target)
		if err == nil {
			err = ping(c)
			c.Close()
		}
		if err != nil {
			return err
		}
		fresh = append(fresh, time.Since(start))
	}
	c, err := openEcho(target)
	if err != nil {
		return err
	}
	defer c.Close()
	open := make([]time.Duration, 0, count)
	for i := 0; i < count+1; i++ {
		start := time.Now()
		if err := ping(c); err != nil {
			return err
		}
		if i > 0 { // the first one also waits for the connection's setup
			open = append(open, time.Since(start))
		}
	}
	return json.NewEncoder(os.Stdout).Encode(map[string]float64{
		"connectRoundTripP50us": percentile(fresh, 50), "connectRoundTripP99us": percentile(fresh, 99),
		"roundTripP50us": percentile(open, 50), "roundTripP99us": percentile(open, 99), "count": float64(count),
	})
}

func openEcho(target string) (net.Conn, error) {
	c, err := net.DialTimeout("tcp", target, 5*time.Second)
	if err != nil {
		return nil, err
	}
	if _, err := c.Write([]byte("e")); err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

// ping sends one byte and waits for its echo.
func ping(c net.Conn) error {
	c.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := c.Write([]byte("x")); err != nil {
		return err
	}
	_, err := io.ReadFull(c, make([]byte, 1))
	return err
}

// throughput: one stream of 64 KiB writes for the given time; the rate counts what the server confirms
// it received, over the time until it confirmed.
func throughput(target string, length time.Duration) error {
	c, err := net.DialTimeout("tcp", target, 5*time.Second)
	if err != nil {
		return err
	}
	defer c.Close()
	if _, err := c.Write([]byte("s")); err != nil {
		return err
	}
	buf := make([]byte, 64*1024)
	start := time.Now()
	for time.Since(start) < length {
		if _, err := c.Write(buf); err != nil {
			return err
		}
	}
	c.(*net.TCPConn).CloseWrite()
	var received int64
	c.SetReadDeadline(time.Now().Add(30 * time.Second))
	if err := binary.Read(c, binary.BigEndian, &received); err != nil {
		return err
	}
	seconds := time.Since(start).Seconds()
	return json.NewEncoder(os.Stdout).Encode(map[string]float64{"bytes": float64(received), "seconds": seconds, "megabitsPerSecond": float64(received) * 8 / seconds / 1e6})
}

func percentile(samples []time.Duration, p int) float64 {
	sorted := append([]time.Duration(nil), samples...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	index := (len(sorted)*p+99)/100 - 1
	if index < 0 {
		index = 0
	}
	return float64(sorted[index].Microseconds())
}
