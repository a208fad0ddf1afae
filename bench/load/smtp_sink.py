"""A minimal SMTP receiver for the scale-out check: accepts every message and appends its recipient to a file.
Usage: python3 smtp_sink.py PORTFILE RECIPIENTS-FILE  (binds a free port on 127.0.0.1, writes it to PORTFILE)."""
import socketserver, sys, threading

lock = threading.Lock()

class Session(socketserver.StreamRequestHandler):
    def handle(self):
        self.wfile.write(b"220 sink ESMTP\r\n")
        to = []
        while True:
            line = self.rfile.readline()
            if not line:
                return
            cmd = line[:4].upper()
            if cmd == b"RCPT":
                to.append(line.split(b"<", 1)[1].split(b">", 1)[0].decode())
                self.wfile.write(b"250 OK\r\n")
            elif cmd == b"DATA":
                self.wfile.write(b"354 go ahead\r\n")
                while self.rfile.readline() not in (b".\r\n", b".\n", b""):
                    pass
                with lock, open(sys.argv[2], "a") as out:
                    out.write("".join(t + "\n" for t in to))
                to = []
                self.wfile.write(b"250 queued\r\n")
            elif cmd == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 OK\r\n")

class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

with Server(("127.0.0.1", 0), Session) as server:
    with open(sys.argv[1], "w") as f:
        f.write(str(server.server_address[1]))
    server.serve_forever()
