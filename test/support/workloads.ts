// Small workloads on the local busybox image. Each shell traps SIGTERM so that pods stop at once.
export const TOOLBOX = "podling/busybox:1";

/** An HTTP server on `port` answering `body`; its log names each caller's address. */
export function httpServer(name: string, port: number, body: string) {
  return {
    name,
    image: TOOLBOX,
    command: [
      "sh",
      "-c",
      `trap 'exit 0' TERM; mkdir -p /www; echo '${body}' > /www/index.html; httpd -f -vv -p ${port} -h /www & wait`,
    ],
    ports: [{ containerPort: port, protocol: "TCP" }],
  };
}

export function sleeper(name: string) {
  return { name, image: TOOLBOX, command: ["sh", "-c", "trap 'exit 0' TERM; sleep 86400 & wait"] };
}
