package main

import (
	"bytes"
	"net"
	"testing"
)

func TestUDPPacketBytes(t *testing.T) {
	got := udpPacket(net.IPv4(10, 0, 0, 1), net.IPv4(10, 0, 0, 2), 40000, 81, []byte("hi"))
	want := []byte{
		0x45, 0x00, 0x00, 0x1e, // version 4, 5 words of header; total length 30
		0x00, 0x00, 0x40, 0x00, // ID 0 (the kernel picks one); don't fragment
		0x40, 0x11, 0x26, 0xcd, // TTL 64, UDP; header checksum
		10, 0, 0, 1, // source
		10, 0, 0, 2, // destination
		0x9c, 0x40, 0x00, 0x51, // ports 40000 -> 81
		0x00, 0x0a, 0x00, 0x00, // UDP length 10; no checksum
		'h', 'i',
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("packet\n got % x\nwant % x", got, want)
	}
	if sum := checksum(got[:20]); sum != 0 {
		t.Fatalf("a header with its checksum sums to %#04x, want 0", sum)
	}
}

func TestChecksumOddLengthAndCarry(t *testing.T) {
	// RFC 1071's example words 0001 f203 f4f5 f6f7 sum to 0x2ddf0, folded 0xddf2; the checksum is 0x220d.
	if got := checksum([]byte{0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7}); got != 0x220d {
		t.Fatalf("checksum = %#04x, want 0x220d", got)
	}
	// An odd last byte counts as the high byte of a word padded with zero.
	if got := checksum([]byte{0x12}); got != ^uint16(0x1200) {
		t.Fatalf("checksum of one byte = %#04x, want %#04x", got, ^uint16(0x1200))
	}
}

func TestForgedDatagramArguments(t *testing.T) {
	packet, to, err := forgedDatagram("10.0.0.1", "10.0.0.2:81", "hi")
	if err != nil {
		t.Fatal(err)
	}
	if to.Addr != [4]byte{10, 0, 0, 2} || len(packet) != 30 {
		t.Fatalf("sends %d bytes to %v", len(packet), to.Addr)
	}
	for _, bad := range [][2]string{{"::1", "10.0.0.2:81"}, {"10.0.0.1", "10.0.0.2"}, {"10.0.0.1", "10.0.0.2:0"}, {"10.0.0.1", "[::1]:81"}} {
		if _, _, err := forgedDatagram(bad[0], bad[1], "x"); err == nil {
			t.Errorf("forge %s %s: no error", bad[0], bad[1])
		}
	}
}
