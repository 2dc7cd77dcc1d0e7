// The detect() report under the lab's table: every name links to its entry in the docs
// (docs/detect.md, served by the lab server as /docs/detect.html with an anchor per name). ES5.
(function () {
  'use strict';

  function el(tag, text) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.appendChild(document.createTextNode(text));
    return e;
  }

  /** <a href="docs#name"><code>name</code></a>, and the explanation after a "name: …" entry. */
  function nameLink(entry, docs) {
    var text = String(entry);
    var cut = text.indexOf(':');
    var name = cut === -1 ? text : text.substring(0, cut);
    var span = el('span');
    var a = el('a');
    a.href = docs + '#' + encodeURIComponent(name);
    a.appendChild(el('code', name));
    span.appendChild(a);
    if (cut !== -1) span.appendChild(document.createTextNode(text.substring(cut)));
    return span;
  }

  function list(title, items, docs) {
    var box = el('div');
    box.appendChild(el('strong', title + ' (' + items.length + ')'));
    if (!items.length) {
      box.appendChild(el('span', ': none'));
      return box;
    }
    var ul = el('ul');
    for (var i = 0; i < items.length; i++) {
      var li = el('li');
      li.appendChild(nameLink(items[i], docs));
      ul.appendChild(li);
    }
    box.appendChild(ul);
    return box;
  }

  function render(container, d, docs) {
    while (container.firstChild) container.removeChild(container.firstChild);
    container.appendChild(el('h2', 'detect()'));
    var top = el('p');
    var fields = ['native', 'backend'];
    for (var i = 0; i < fields.length; i++) {
      top.appendChild(document.createTextNode((i ? ', ' : '') + fields[i] + ' '));
      top.appendChild(nameLink(d[fields[i]], docs));
    }
    top.appendChild(document.createTextNode(', installed ' + d.installed + ', mode ' + d.mode + ', version ' + d.version));
    container.appendChild(top);
    var on = [];
    var off = [];
    for (var k in d.features) if (Object.prototype.hasOwnProperty.call(d.features, k)) (d.features[k] ? on : off).push(k);
    container.appendChild(list('features present', on, docs));
    container.appendChild(list('features absent', off, docs));
    container.appendChild(list('quirks', d.quirks, docs));
    container.appendChild(list('normalizations', d.normalizations, docs));
    container.appendChild(list('unsupported', d.unsupported, docs));
  }

  window.WSLabDetect = { render: render };
})();
