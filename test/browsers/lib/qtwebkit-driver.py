#!/usr/bin/python3
# QtWebKit 5.212 driver for the browser suite (test/browsers/lib/engines.mjs): a headless
# QWebPage (QT_QPA_PLATFORM=offscreen) driven by JSON lines on stdin, answering with JSON lines
# on stdout. Run with Debian's /usr/bin/python3 (it has PyQt5.QtWebKitWidgets).
#
#   usage: qtwebkit-driver.py <sink host:port>
#   in:  {"id": n, "cmd": "load", "url": ...}            -> {"id": n, "ok": bool}
#        {"id": n, "cmd": "eval", "js": ...}             -> {"id": n, "value": <JSON-able>}
#        {"id": n, "cmd": "screenshot", "file": ...}     -> {"id": n, "ok": true}
#        {"id": n, "cmd": "quit"}
#   out, unasked: {"event": "ready", "version": ..., "userAgent": ...}
#                 {"event": "console", "message": ..., "line": n, "source": ...}
#                 {"event": "away", "kind": "request"|"proxy", "url": ...}
#
# Held on 127.0.0.1 (shared/BROWSERS.md) twice over: the page's network access manager
# refuses every request that is not for loopback (and reports it), and the application proxy
# factory sends any other socket Qt opens for WebKit (its WebSocket streams use QTcpSocket,
# not the access manager) to the suite's proxy sink, which answers 502 and records it.
import json
import os
import sys

os.environ.setdefault('QT_QPA_PLATFORM', 'offscreen')

from PyQt5.QtCore import QObject, QSocketNotifier, QUrl, QTimer, QSize  # noqa: E402
from PyQt5.QtGui import QImage, QPainter  # noqa: E402
from PyQt5.QtNetwork import QNetworkAccessManager, QNetworkProxy, QNetworkProxyFactory, QNetworkRequest  # noqa: E402
from PyQt5.QtWidgets import QApplication  # noqa: E402
from PyQt5.QtWebKit import qWebKitVersion, QWebSettings  # noqa: E402
from PyQt5.QtWebKitWidgets import QWebPage  # noqa: E402

LOOPBACK = ('127.0.0.1', 'localhost', '::1')


def emit(obj):
    sys.stdout.write(json.dumps(obj) + '\n')
    sys.stdout.flush()


class LoopbackProxyFactory(QNetworkProxyFactory):
    """Loopback direct; anything else to the proxy sink (recorded there and here)."""

    def __init__(self, sink_host, sink_port):
        super().__init__()
        self.sink = QNetworkProxy(QNetworkProxy.HttpProxy, sink_host, sink_port)

    def queryProxy(self, query):
        host = query.peerHostName() or query.url().host()
        if host in LOOPBACK or host == '':
            return [QNetworkProxy(QNetworkProxy.NoProxy)]
        emit({'event': 'away', 'kind': 'proxy', 'url': query.url().toString() or host})
        return [self.sink]


class LoopbackOnly(QNetworkAccessManager):
    """Refuses (and reports) every request for a host that is not loopback."""

    def createRequest(self, op, request, data=None):
        url = request.url()
        if url.scheme() in ('http', 'https', 'ftp') and url.host() not in LOOPBACK:
            emit({'event': 'away', 'kind': 'request', 'url': url.toString()})
            request = QNetworkRequest(QUrl('http://127.0.0.1:9/refused-by-qtwebkit-driver'))
        return super().createRequest(op, request, data)


class Page(QWebPage):
    def javaScriptConsoleMessage(self, message, line, source):
        emit({'event': 'console', 'message': message, 'line': line, 'source': source})

    # No dialog may block the page.
    def javaScriptAlert(self, frame, msg):
        emit({'event': 'console', 'message': 'alert: ' + msg, 'line': 0, 'source': ''})

    def javaScriptConfirm(self, frame, msg):
        return False

    def userAgentForUrl(self, url):
        return super().userAgentForUrl(url)


class Driver(QObject):
    def __init__(self, app):
        super().__init__()
        self.app = app
        self.page = Page()
        self.page.setNetworkAccessManager(LoopbackOnly())
        self.page.setViewportSize(QSize(1000, 1000))
        s = self.page.settings()
        s.setAttribute(QWebSettings.JavascriptEnabled, True)
        s.setAttribute(QWebSettings.DnsPrefetchEnabled, False)
        s.setAttribute(QWebSettings.LocalStorageEnabled, True)
        self.pending_load = None
        self.page.mainFrame().loadFinished.connect(self.on_load)
        self.buf = b''
        self.notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Read)
        self.notifier.activated.connect(self.on_stdin)

    def on_load(self, ok):
        if self.pending_load is not None:
            emit({'id': self.pending_load, 'ok': bool(ok)})
            self.pending_load = None

    def on_stdin(self):
        chunk = os.read(sys.stdin.fileno(), 65536)
        if not chunk:
            self.app.quit()
            return
        self.buf += chunk
        while b'\n' in self.buf:
            line, self.buf = self.buf.split(b'\n', 1)
            if line.strip():
                self.handle(json.loads(line))

    def handle(self, msg):
        cmd = msg.get('cmd')
        mid = msg.get('id')
        try:
            if cmd == 'load':
                self.pending_load = mid
                self.page.mainFrame().load(QUrl(msg['url']))
            elif cmd == 'eval':
                value = self.page.mainFrame().evaluateJavaScript(msg['js'])
                emit({'id': mid, 'value': value})
            elif cmd == 'screenshot':
                frame = self.page.mainFrame()
                size = frame.contentsSize()
                size = QSize(max(size.width(), 1000), max(size.height(), 200))
                self.page.setViewportSize(size)
                img = QImage(size, QImage.Format_ARGB32)
                img.fill(0xFFFFFFFF)
                painter = QPainter(img)
                frame.render(painter)
                painter.end()
                img.save(msg['file'], 'PNG')
                self.page.setViewportSize(QSize(1000, 1000))
                emit({'id': mid, 'ok': True})
            elif cmd == 'quit':
                emit({'id': mid, 'ok': True})
                QTimer.singleShot(0, self.app.quit)
            else:
                emit({'id': mid, 'error': 'unknown command ' + str(cmd)})
        except Exception as e:  # reported to the test, never a hang
            emit({'id': mid, 'error': repr(e)})


def main():
    sink_host, sink_port = sys.argv[1].rsplit(':', 1)
    QNetworkProxyFactory.setApplicationProxyFactory(LoopbackProxyFactory(sink_host, int(sink_port)))
    app = QApplication(sys.argv[:1])
    driver = Driver(app)
    emit({'event': 'ready', 'version': qWebKitVersion(), 'userAgent': driver.page.userAgentForUrl(QUrl('http://127.0.0.1/'))})
    app.exec_()


if __name__ == '__main__':
    main()
