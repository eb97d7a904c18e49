package main

import (
	"encoding/binary"
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"
	"syscall"
)

// exitNoRawSocket is forge's exit code when the kernel refuses a raw socket (no NET_RAW).
const exitNoRawSocket = 3

// forgedSourcePort is the UDP source port of every forged datagram.
const forgedSourcePort = 40000

// maxForgedPayload keeps a forged datagram within one Ethernet frame.
const maxForgedPayload = 1400

// forge sends one UDP datagram to dst ("ip:port") whose IPv4 source address is src, through a raw socket
// with IP_HDRINCL. It exits with exitNoRawSocket when the socket cannot be opened.
func forge(src, dst, payload string) {
	packet, to, err := forgedDatagram(src, dst, payload)
	if err != nil {
		fmt.Fprintln(os.Stderr, "forge:", err)
		os.Exit(2)
	}
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_RAW, syscall.IPPROTO_RAW)
	if err != nil {
		if errors.Is(err, syscall.EPERM) || errors.Is(err, syscall.EACCES) {
			fmt.Fprintf(os.Stderr, "forge: cannot open a raw socket (it needs NET_RAW): %v\n", err)
			os.Exit(exitNoRawSocket)
		}
		fmt.Fprintln(os.Stderr, "forge: raw socket:", err)
		os.Exit(1)
	}
	defer syscall.Close(fd)
	if err := syscall.SetsockoptInt(fd, syscall.IPPROTO_IP, syscall.IP_HDRINCL, 1); err != nil {
		fmt.Fprintln(os.Stderr, "forge: IP_HDRINCL:", err)
		os.Exit(1)
	}
	if err := syscall.Sendto(fd, packet, 0, to); err != nil {
		fmt.Fprintln(os.Stderr, "forge: send:", err)
		os.Exit(1)
	}
	fmt.Printf("sent %d bytes from %s to %s\n", len(packet), src, dst)
}

// forgedDatagram parses forge's arguments into the packet and the address to send it to.
func forgedDatagram(src, dst, payload string) ([]byte, *syscall.SockaddrInet4, error) {
	from := net.ParseIP(src).To4()
	if from == nil {
		return nil, nil, fmt.Errorf("source %q is not an IPv4 address", src)
	}
	host, portText, err := net.SplitHostPort(dst)
	if err != nil {
		return nil, nil, fmt.Errorf("destination %q is not ip:port", dst)
	}
	to := net.ParseIP(host).To4()
	port, err := strconv.ParseUint(portText, 10, 16)
	if to == nil || err != nil || port == 0 {
		return nil, nil, fmt.Errorf("destination %q is not an IPv4 address and port", dst)
	}
	if len(payload) > maxForgedPayload {
		return nil, nil, fmt.Errorf("payload is %d bytes, more than %d", len(payload), maxForgedPayload)
	}
	addr := &syscall.SockaddrInet4{}
	copy(addr.Addr[:], to)
	return udpPacket(from, to, forgedSourcePort, uint16(port), []byte(payload)), addr, nil
}

// udpPacket builds an IPv4 header (no options, DF, TTL 64, ID 0 for the kernel to choose) and a UDP header
// whose checksum is 0 (none, which IPv4 allows), followed by the payload.
func udpPacket(src, dst net.IP, srcPort, dstPort uint16, payload []byte) []byte {
	const ipHeader, udpHeader = 20, 8
	p := make([]byte, ipHeader+udpHeader+len(payload))
	p[0] = 4<<4 | ipHeader/4
	binary.BigEndian.PutUint16(p[2:], uint16(len(p)))
	binary.BigEndian.PutUint16(p[6:], 0x4000) // don't fragment
	p[8] = 64
	p[9] = syscall.IPPROTO_UDP
	copy(p[12:16], src.To4())
	copy(p[16:20], dst.To4())
	binary.BigEndian.PutUint16(p[10:], checksum(p[:ipHeader]))
	u := p[ipHeader:]
	binary.BigEndian.PutUint16(u[0:], srcPort)
	binary.BigEndian.PutUint16(u[2:], dstPort)
	binary.BigEndian.PutUint16(u[4:], uint16(udpHeader+len(payload)))
	copy(u[udpHeader:], payload)
	return p
}

// checksum is the Internet checksum (RFC 1071): the one's complement of the one's-complement sum of
// 16-bit words.
func checksum(b []byte) uint16 {
	var sum uint32
	for i := 0; i+1 < len(b); i += 2 {
		sum += uint32(binary.BigEndian.Uint16(b[i:]))
	}
	if len(b)%2 == 1 {
		sum += uint32(b[len(b)-1]) << 8
	}
	for sum > 0xffff {
		sum = sum&0xffff + sum>>16
	}
	return ^uint16(sum)
}

// send sends one ordinary UDP datagram (from this host's own address) to dst.
func send(dst, payload string) error {
	conn, err := net.Dial("udp", dst)
	if err != nil {
		return err
	}
	defer conn.Close()
	_, err = conn.Write([]byte(payload))
	return err
}

// udpLog prints one line per datagram received on port, in arrival order: the payload quoted, then the
// sender's address ("\"PAYLOAD\" from PEER_IP"). It answers nothing.
func udpLog(port string) {
	pc, err := net.ListenPacket("udp", ":"+port)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	buf := make([]byte, 2048)
	for {
		n, addr, err := pc.ReadFrom(buf)
		if err != nil {
			continue
		}
		host, _, _ := net.SplitHostPort(addr.String())
		fmt.Printf("%q from %s\n", buf[:n], host)
	}
}
