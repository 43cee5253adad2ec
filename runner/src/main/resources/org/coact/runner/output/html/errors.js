(function () {
  'use strict';
  // Records every problem on the page in #coact-errors (hidden) so that a headless test, or
  // a curious reader, can see it: script errors, failed loads, rejected promises,
  // console.error, blocked requests, and any attempt to open a dialog.
  var box = document.getElementById('coact-errors');
  function describe(value) {
    if (value instanceof Error) {
      return value.stack || String(value);
    }
    if (typeof value === 'string') {
      return value;
    }
    try {
      return JSON.stringify(value);
    } catch (e) {
      return String(value);
    }
  }
  function record(kind, parts) {
    var line = kind + ':';
    for (var i = 0; i < parts.length; i++) {
      line += ' ' + describe(parts[i]);
    }
    box.appendChild(document.createTextNode(line + '\n'));
    document.body.dataset.errors = String((Number(document.body.dataset.errors) || 0) + 1);
  }
  window.onerror = function (message, source, line, column, error) {
    record('error', [message, (source || '') + ':' + line + ':' + column, error || '']);
  };
  window.addEventListener('error', function (event) {
    if (event.target && event.target !== window) {
      record('load error', [event.target.tagName || 'element']);
    }
  }, true);
  window.addEventListener('unhandledrejection', function (event) {
    record('unhandled rejection', [event.reason]);
  });
  document.addEventListener('securitypolicyviolation', function (event) {
    record('blocked by the content security policy', [event.effectiveDirective, event.blockedURI || 'inline']);
  });
  var consoleError = console.error;
  console.error = function () {
    record('console.error', arguments);
    return consoleError.apply(console, arguments);
  };
  ['alert', 'confirm', 'prompt'].forEach(function (name) {
    window[name] = function (message) {
      record(name, [String(message)]);
      return null;
    };
  });
})();
