// GET <test server>/log/<id>: what the test server (conformance/server.mjs) recorded for one
// connection id, as JSON; with `wait`, the server answers once that connection has closed.
// CommonJS and ES5, for every Node of the matrix (10 to 24): integration helpers and the lab's
// Node runner share it.
'use strict';
var http = require('http');

function fetchLog(httpUrl, id, wait) {
  return new Promise(function (resolve, reject) {
    http
      .get(httpUrl + '/log/' + encodeURIComponent(id) + (wait ? '?wait=1' : ''), function (res) {
        var body = '';
        res.setEncoding('utf8');
        res.on('data', function (d) {
          body += d;
        });
        res.on('end', function () {
          try {
            resolve(JSON.parse(body));
          } catch (e) {
            reject(e);
          }
        });
      })
      .on('error', reject);
  });
}

module.exports = { fetchLog: fetchLog };
