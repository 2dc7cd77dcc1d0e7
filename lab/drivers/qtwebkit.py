#!/usr/bin/python3
# A minimal QtWebKit driver for the lab (npm run compat, test/lab/): loads one page in
# QtWebKit 5.212 (PyQt5's QtWebKitWidgets, offscreen), waits for window.__result, prints it as
# JSON on stdout and saves a screenshot of the whole page. Run with Debian's /usr/bin/python3
# (the one with python3-pyqt5.qtwebkit), QT_QPA_PLATFORM=offscreen.
#
#   qtwebkit.py <url> <screenshot.png|-> <timeout seconds> <proxy host:port>
#
# Held on 127.0.0.1 (shared/BROWSERS.md): every connection that is not to 127.0.0.1/localhost,
# HTTP or TCP (WebSockets), goes to the tests' proxy sink, which answers 502 and records it.
import json
import sys

from PyQt5.QtCore import QUrl, QTimer, QSize
from PyQt5.QtGui import QImage, QPainter
from PyQt5.QtNetwork import QNetworkProxy, QNetworkProxyFactory
from PyQt5.QtWidgets import QApplication
from PyQt5.QtWebKit import QWebSettings, qWebKitVersion
from PyQt5.QtWebKitWidgets import QWebPage

url, shot, timeout, sink = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
sink_host, sink_port = sink.rsplit(':', 1)


class LoopbackOnly(QNetworkProxyFactory):
    def queryProxy(self, query):
        host = query.peerHostName() or query.url().host()
        if host in ('127.0.0.1', 'localhost'):
            return [QNetworkProxy(QNetworkProxy.NoProxy)]
        return [QNetworkProxy(QNetworkProxy.HttpProxy, sink_host, int(sink_port))]


app = QApplication(sys.argv[:1])
QNetworkProxyFactory.setApplicationProxyFactory(LoopbackOnly())


class Page(QWebPage):
    def __init__(self):
        super().__init__()
        self.console = []

    def javaScriptConsoleMessage(self, message, line, source):
        self.console.append('%s:%s %s' % (source, line, message))

    def userAgentForUrl(self, u):
        return super().userAgentForUrl(u)


page = Page()
page.settings().setAttribute(QWebSettings.JavascriptEnabled, True)
page.setViewportSize(QSize(1000, 1000))
state = {'elapsed': 0.0}


def finish(result):
    frame = page.mainFrame()
    if shot != '-':
        size = frame.contentsSize()
        page.setViewportSize(QSize(max(1000, size.width()), max(400, size.height())))
        image = QImage(page.viewportSize(), QImage.Format_ARGB32)
        image.fill(0xffffffff)
        painter = QPainter(image)
        frame.render(painter)
        painter.end()
        image.save(shot)
    out = {'result': result, 'webkit': qWebKitVersion(), 'userAgent': page.userAgentForUrl(QUrl(url)), 'console': page.console[-50:]}
    sys.stdout.write(json.dumps(out) + '\n')
    sys.stdout.flush()
    app.exit(0 if result is not None else 1)


def poll():
    state['elapsed'] += 0.2
    value = page.mainFrame().evaluateJavaScript('window.__result === undefined ? null : JSON.stringify(window.__result)')
    if value:
        finish(json.loads(value))
    elif state['elapsed'] > timeout:
        finish(None)
    else:
        QTimer.singleShot(200, poll)


page.mainFrame().load(QUrl(url))
QTimer.singleShot(200, poll)
sys.exit(app.exec_())
