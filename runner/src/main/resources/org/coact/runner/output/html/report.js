(function () {
  'use strict';
  // Renders report.html and evolution.html from the JSON in #coact-data. Every string from
  // the data is untrusted (names come from model files): it reaches the page only through
  // textContent, canvas text, or esc() inside tooltip HTML.

  var DATA = JSON.parse(document.getElementById('coact-data').textContent);
  var PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7',
    '#9c755f', '#2f6fb3', '#86bcb6', '#d37295', '#8cd17d', '#b6992d', '#499894', '#f1ce63', '#a0cbe8',
    '#ffbe7d', '#d4a6c8', '#79706e'];
  var SINGLETON = '#c3cad3';
  var TEXT = '#1f2933';
  var MUTED = '#616e7c';
  var charts = [];

  // ---- text helpers -------------------------------------------------------------------

  function esc(value) {
    return String(value).replace(/[&<>"']/g, function (c) {
      return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c];
    });
  }
  function num(x) {
    return typeof x === 'number' && isFinite(x) ? x : null;
  }
  function fmt(x, digits) {
    if (num(x) === null) {
      return 'n/a';
    }
    var text = x.toFixed(digits);
    return /^-0(\.0*)?$/.test(text) ? text.substring(1) : text; // no "-0.0000" for a rounding residue
  }
  function tick(v) {
    // axis labels: enough significant digits for small ranges (a modularity near 1e-4 is not "0.000")
    return Math.abs(v) < 1e-12 ? '0' : String(Number(v.toPrecision(4)));
  }
  function pValue(x) {
    return num(x) === null ? 'n/a' : x !== 0 && x < 1e-4 ? x.toExponential(1) : x.toFixed(4);
  }
  function pct(x) {
    return num(x) === null ? 'n/a' : (100 * x).toFixed(2) + ' %';
  }
  function int(x) {
    return num(x) === null ? 'n/a' : Math.round(x).toLocaleString('en-US');
  }
  function byId(id) {
    var node = document.getElementById(id);
    if (!node) {
      throw new Error('missing element #' + id);
    }
    return node;
  }
  function make(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    if (cls) {
      node.className = cls;
    }
    return node;
  }
  function setText(id, text) {
    byId(id).textContent = text;
  }
  function fileName(path) {
    var s = String(path || '');
    return s.substring(Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\')) + 1);
  }

  /** pairs: [term, value, cls] */
  function definitions(id, pairs) {
    var dl = byId(id);
    pairs.forEach(function (p) {
      if (p[1] === undefined || p[1] === null || p[1] === '') {
        return;
      }
      dl.appendChild(make('dt', p[0]));
      dl.appendChild(make('dd', p[1], p[2]));
    });
  }

  /** items: [label, value, detail, what it means] */
  function cards(id, items) {
    var box = byId(id);
    items.forEach(function (item) {
      var card = make('div', null, 'card');
      card.appendChild(make('div', item[0], 'label'));
      card.appendChild(make('div', item[1], 'value'));
      if (item[2]) {
        card.appendChild(make('div', item[2], 'detail'));
      }
      if (item[3]) {
        card.appendChild(make('div', item[3], 'explain'));
      }
      box.appendChild(card);
    });
  }

  /** The warnings of a report, one paragraph each. */
  function warnings(id, list) {
    var box = byId(id);
    if (!box) {
      return;
    }
    (list || []).forEach(function (w) {
      box.appendChild(make('p', w, 'warning'));
    });
  }

  /** columns: [title, 'text' | 'num']; rows: arrays of strings ('n/a' is greyed). */
  function table(id, columns, rows) {
    var t = byId(id);
    var head = make('thead');
    var tr = make('tr');
    columns.forEach(function (c) {
      tr.appendChild(make('th', c[0], c[1] === 'text' ? 'text' : null));
    });
    head.appendChild(tr);
    t.appendChild(head);
    var body = make('tbody');
    rows.forEach(function (row) {
      var r = make('tr');
      row.forEach(function (cell, i) {
        var cls = columns[i][1] === 'text' ? 'text' : (cell === 'n/a' ? 'na' : null);
        r.appendChild(make('td', cell, cls));
      });
      body.appendChild(r);
    });
    t.appendChild(body);
  }

  function configText(config) {
    if (!config) {
      return '';
    }
    var c = config.community || {};
    var parts = ['algorithm ' + c.algorithm, 'resolution ' + c.resolution, 'seed ' + c.seed,
      'threshold ' + config.threshold, 'reduce ' + config.reduce,
      'layers ' + (config.layers || []).join(', ')];
    if (config.graph) {
      parts.push('graph ' + config.graph.scope + ' / ' + config.graph.weight);
    }
    if (c.null_samples) {
      parts.push(c.null_samples + ' null draws');
    }
    return parts.join(' · ');
  }

  function timings(values) {
    var keys = Object.keys(values || {});
    table('timings-table', [['stage', 'text'], ['seconds', 'num']], keys.map(function (k) {
      return [k, fmt(values[k], 3)];
    }));
  }

  // ---- charts ---------------------------------------------------------------------------

  function title(text, subtext) {
    return {
      text: text, subtext: subtext || '', left: 'center', top: 2, itemGap: 4,
      textStyle: {fontSize: 14, fontWeight: 600, color: TEXT},
      subtextStyle: {fontSize: 11, color: MUTED}
    };
  }
  function axisName(name, gap) {
    return {name: name, nameLocation: 'middle', nameGap: gap, nameTextStyle: {color: MUTED, fontSize: 12}};
  }
  function assign(target, source) {
    Object.keys(source).forEach(function (k) {
      target[k] = source[k];
    });
    return target;
  }

  /** Draws a chart; build returns an ECharts option, or a string saying why there is none. */
  function chart(id, build) {
    var box = byId(id);
    try {
      var option = build(box);
      if (typeof option === 'string') {
        box.classList.add('empty');
        box.textContent = option;
        return;
      }
      option.animation = false;
      var instance = echarts.init(box, null, {renderer: 'canvas'});
      instance.setOption(option);
      charts.push(instance);
    } catch (e) {
      console.error('chart #' + id + ' failed:', e);
    }
  }

  /** A community's colour, by id so that the Sankey diagram, sizes and graph agree; grey for singletons. */
  function communityColour(community) {
    return PALETTE[((community % PALETTE.length) + PALETTE.length) % PALETTE.length];
  }
  function communityColours(sizes) {
    var singleton = {};
    (sizes || []).forEach(function (c) {
      singleton[c.community] = c.size < 2;
    });
    return function (community) {
      return community < 0 || singleton[community] !== false ? SINGLETON : communityColour(community);
    };
  }
  /** Category-axis labels that fit: truncated to their share of the width, tilted when crowded. */
  function categoryLabels(count, width) {
    var share = width / Math.max(1, count);
    return share >= 70 ? {interval: 0, width: share - 10, overflow: 'truncate'}
      : {interval: 0, rotate: 35, width: 110, overflow: 'truncate', fontSize: 10};
  }

  function sizesChart(views, suffix) {
    return function () {
      var all = views.communitySizes || [];
      var shown = all.filter(function (c) {
        return c.size >= 2;
      });
      if (!shown.length) {
        return 'No community has two or more neurons.';
      }
      var colour = communityColours(all);
      var singletons = all.length - shown.length;
      return {
        title: title('Community sizes' + suffix, singletons ? singletons + ' singleton communities not shown' : ''),
        tooltip: {trigger: 'item', formatter: function (p) {
          return 'community ' + esc(shown[p.dataIndex].community) + ': ' + esc(p.value) + ' neurons';
        }},
        grid: {left: 56, right: 20, top: 56, bottom: 50},
        xAxis: assign({type: 'category', data: shown.map(function (c) {
          return 'c' + c.community;
        }), axisLabel: {hideOverlap: true}}, axisName('community', 30)),
        yAxis: assign({type: 'value', minInterval: 1}, axisName('neurons', 38)),
        series: [{type: 'bar', barMaxWidth: 28, data: shown.map(function (c) {
          return {value: c.size, itemStyle: {color: colour(c.community)}};
        })}]
      };
    };
  }

  function classHeatmapChart(views, suffix) {
    var MAX_ROWS = 40;
    return function (box) {
      var h = views.classHeatmap;
      if (!h || !h.communities.length) {
        return 'No community has two or more neurons.';
      }
      var rows = Math.min(h.communities.length, MAX_ROWS);
      var cells = [];
      var max = 1;
      for (var r = 0; r < rows; r++) {
        for (var c = 0; c < h.classes; c++) {
          var v = h.counts[r][c];
          if (v > 0) {
            cells.push([c, r, v]);
            max = Math.max(max, v);
          }
        }
      }
      var notes = [];
      if (h.communities.length > rows) {
        notes.push('largest ' + rows + ' of ' + h.communities.length + ' communities');
      }
      if (h.withoutPreferredClass) {
        notes.push(h.withoutPreferredClass + ' dead neurons (no preferred class) left out');
      }
      box.style.height = Math.max(340, 110 + 20 * rows) + 'px';
      var classes = [];
      for (var k = 0; k < h.classes; k++) {
        classes.push(String(k));
      }
      return {
        title: title('Communities × preferred class' + suffix, notes.join('; ')),
        tooltip: {trigger: 'item', formatter: function (p) {
          var row = p.value[1];
          return 'community ' + esc(h.communities[row]) + ' (' + esc(h.sizes[row]) + ' neurons)<br>class '
            + esc(p.value[0]) + ': ' + esc(p.value[2]) + ' neurons prefer it';
        }},
        grid: {left: 84, right: 70, top: 56, bottom: 50},
        xAxis: assign({type: 'category', data: classes, splitArea: {show: true}}, axisName('preferred class', 30)),
        yAxis: assign({type: 'category', inverse: true, data: h.communities.slice(0, rows).map(function (id, i) {
          return 'c' + id + ' (' + h.sizes[i] + ')';
        })}, axisName('community (size)', 70)),
        visualMap: {min: 0, max: max, calculable: true, orient: 'vertical', right: 4, top: 'middle', itemHeight: 120,
          text: ['neurons', ''], textStyle: {color: MUTED, fontSize: 11},
          inRange: {color: ['#e8f1fa', '#8fb8de', '#2f6fb3', '#173f6b']}},
        series: [{type: 'heatmap', data: cells, itemStyle: {borderColor: '#fff', borderWidth: 1}}]
      };
    };
  }

  /** Communities as nodes (area = neurons), edges as the co-activation weight between them. */
  function communityGraphChart(views, suffix) {
    return function () {
      var v = views.communities;
      if (!v) {
        return 'The community graph is not available for this report.';
      }
      if (!v.rows.length) {
        return 'No community has two or more neurons: there is no structure to draw.';
      }
      var index = {};
      v.rows.forEach(function (row, i) {
        index[row.community] = i;
      });
      var maxSize = Math.max.apply(null, v.rows.map(function (r) {
        return r.size;
      }));
      var maxW = Math.max.apply(null, [1e-300].concat(v.links.map(function (l) {
        return l.weight;
      })));
      setText('graph-note', int(v.communities) + ' communities of two or more neurons'
        + (v.rows.length < v.communities ? ' (the ' + v.rows.length + ' largest drawn)' : '') + ', '
        + int(v.singletons) + ' single neurons left out. Node area = neurons; edge width = co-activation weight '
        + 'between two communities; the layout is force-directed, so distance means nothing exact.');
      return {
        title: title('Community graph' + suffix, 'nodes = communities, edges = weight between them'),
        tooltip: {trigger: 'item', confine: true, formatter: function (p) {
          if (p.dataType === 'edge') {
            var l = v.links[p.dataIndex];
            return 'communities ' + esc(l.source) + ' — ' + esc(l.target) + '<br>weight ' + esc(fmt(l.weight, 4));
          }
          var row = v.rows[p.dataIndex];
          var layers = Object.keys(row.layers).map(function (k) {
            return esc(k) + ' ' + esc(row.layers[k]);
          }).join(', ');
          return 'community ' + esc(row.community) + ': ' + esc(row.size) + ' neurons<br>' + layers;
        }},
        series: [{
          type: 'graph', layout: 'force', roam: true, top: 50, bottom: 10,
          force: {initLayout: 'circular', repulsion: 220, edgeLength: [40, 160], gravity: 0.08, layoutAnimation: false},
          label: {show: true, fontSize: 10, formatter: function (p) {
            return 'c' + v.rows[p.dataIndex].community;
          }},
          emphasis: {focus: 'adjacency'},
          data: v.rows.map(function (row) {
            return {name: 'c' + row.community, symbolSize: 14 + 56 * Math.sqrt(row.size / maxSize),
              itemStyle: {color: communityColour(row.community)}};
          }),
          links: v.links.map(function (l) {
            var w = l.weight / maxW;
            return {source: index[l.source], target: index[l.target],
              lineStyle: {color: '#5b6b7c', width: 0.5 + 6 * w, opacity: 0.15 + 0.5 * w}};
          })
        }]
      };
    };
  }

  function communitiesTable(id, views) {
    var v = views.communities;
    if (!v) {
      return;
    }
    table(id, [['community', 'num'], ['neurons', 'num'], ['layers spanned', 'text'], ['top preferred classes', 'text'],
      ['no preferred class', 'num'], ['top neurons by I(A;Y)', 'text']], v.rows.map(function (row) {
      var layers = Object.keys(row.layers).map(function (k) {
        return k + ' (' + row.layers[k] + ')';
      }).join(', ');
      var classes = Object.keys(row.topClasses).map(function (k) {
        return 'class ' + k + ' (' + row.topClasses[k] + ')';
      }).join(', ');
      var neurons = row.topNeurons.map(function (n) {
        return n.id + ' ' + fmt(n.mutualInformationBits, 3);
      }).join(', ');
      return [String(row.community), int(row.size), layers, classes || 'none', int(row.unaligned), neurons];
    }));
  }

  /** The null draws' Q as a strip, with the observed Q and the layer-structure baseline. */
  function nullModelChart(views) {
    return function () {
      var n = views.nullModel;
      if (!n) {
        return 'No null model (community.null_samples is 0).';
      }
      var q = views.modularity;
      var lo = Math.min(q, n.baseline, Math.min.apply(null, n.modularity));
      var hi = Math.max(q, n.baseline, Math.max.apply(null, n.modularity));
      var pad = (hi - lo) * 0.08 || Math.abs(hi) * 0.1 || 0.01;
      return {
        title: title('Modularity against its null model', n.samples + ' draws of neurons firing independently at their '
          + 'rates; z ' + (n.z === null ? 'n/a' : fmt(n.z, 1)) + ', p ' + pValue(n.p)),
        tooltip: {trigger: 'item', formatter: function (p) {
          return esc(p.seriesName) + ': Q ' + esc(fmt(p.value[0], 4));
        }},
        legend: {top: 36, textStyle: {fontSize: 11}},
        grid: {left: 40, right: 30, top: 76, bottom: 50},
        xAxis: assign({type: 'value', min: lo - pad, max: hi + pad, axisLabel: {formatter: tick}},
          axisName('modularity Q', 30)),
        yAxis: {type: 'value', show: false, min: 0, max: 2},
        series: [
          {type: 'scatter', name: 'null draws', symbolSize: 8, itemStyle: {color: '#9aa5b1'},
            data: n.modularity.map(function (v, i) {
              return [v, 0.6 + 0.8 * ((i * 0.618) % 1)];
            })},
          {type: 'scatter', name: 'observed Q', symbol: 'diamond', symbolSize: 16, itemStyle: {color: '#e15759'},
            data: [[q, 1]]},
          {type: 'scatter', name: 'baseline (firing rates only)', symbol: 'triangle', symbolSize: 14,
            itemStyle: {color: '#4e79a7'}, data: [[n.baseline, 1]]}
        ]
      };
    };
  }

  // ---- report.html ----------------------------------------------------------------------

  function renderAnalysis() {
    var r = DATA.report;
    var views = DATA.views;
    var model = r.model || {};
    var dataset = r.dataset || {};
    var summary = r.summary || {};
    var communities = r.communities || {};
    var plugin = model.plugin || {};
    document.title = 'Coact report — ' + fileName(model.path);
    setText('page-subtitle', fileName(model.path));
    definitions('provenance', [
      ['Model', model.path],
      ['Model SHA-256', model.sha256, 'hash'],
      ['Format', (model.format || '') + ' · plugin ' + (plugin.id || '') + ' ' + (plugin.version || '')],
      ['Output', model.output],
      ['Dataset', dataset.path],
      ['Dataset SHA-256', dataset.sha256, 'hash'],
      ['Labels', dataset.labelsPath],
      ['Samples', int(dataset.samples) + ' samples, ' + dataset.classes + ' classes'],
      ['Configuration', configText(r.config)],
      ['Tool', r.tool ? r.tool.name + ' ' + r.tool.version : '']
    ]);
    var nm = communities.nullModel;
    cards('summary-cards', [
      ['Accuracy', pct(r.accuracy), int(r.correct) + ' of ' + int(dataset.samples) + ' correct',
        'Share of samples whose largest output is the label.'],
      ['Neurons', int(summary.neurons), 'in ' + summary.layers + ' layers; ' + summary.dead + ' dead, '
        + summary.alwaysOn + ' always on', 'Dead and always-on neurons carry no information about the input.'],
      ['Mean entropy', fmt(summary.meanEntropyBits, 4), 'bits per neuron',
        '1 bit: a neuron on half the time; 0: never or always on.'],
      ['Mean conditional entropy', fmt(summary.meanConditionalEntropyBits, 4), 'bits, H(A|Y)',
        'What is left uncertain about a neuron once the class is known.'],
      ['Mean mutual information', fmt(summary.meanMutualInformationBits, 4), 'bits, I(A;Y)',
        'How much a neuron\'s on/off state tells about the class (at most the entropy).'],
      ['Communities', int(communities.count), int(communities.countWithoutSingletons) + ' with two or more neurons; '
        + (communities.algorithm || '') + ', seed ' + communities.seed,
        'Groups of neurons that fire together more than their degrees predict.'],
      ['Modularity Q', fmt(communities.modularity, 4), nm ? 'null ' + fmt(nm.mean, 4) + ' ± ' + fmt(nm.sd, 4)
        + ', z ' + (nm.z === null ? 'n/a' : fmt(nm.z, 1)) : 'coverage ' + fmt(communities.coverage, 3),
        'Q alone is not evidence: compare it with its null model (neurons firing independently) below.'],
      ['Baseline Q', nm ? fmt(nm.baseline, 4) : 'n/a', 'weights from firing rates only',
        'As high as Q? Then the communities are firing rates and layers, not co-activation.'],
      ['Class purity', fmt(communities.purity, 4), 'NMI ' + fmt(communities.nmi, 4) + ' over '
        + int(communities.alignedNeurons) + ' neurons with a preferred class',
        'Do the neurons of a community prefer the same class? Over neurons whose activity depends on the class.'],
      ['Mean conductance', fmt(communities.meanConductance, 4), '',
        'Share of a community\'s edge weight that leaves it: low is well separated.'],
      ['Graph', int(r.graph ? r.graph.nodes : null) + ' nodes', int(r.graph ? r.graph.edges : null) + ' edges, '
        + (r.graph ? r.graph.scope + ' / ' + r.graph.weight : ''), 'Neurons, and the pairs active together.']
    ]);
    warnings('warnings', r.warnings);
    var layers = r.layers || [];
    table('layers-table', [['layer', 'text'], ['op', 'text'], ['shape', 'num'], ['neurons', 'num'],
      ['active fraction', 'num'], ['mean H (bits)', 'num'], ['mean H(A|Y)', 'num'], ['mean I(A;Y)', 'num'],
      ['dead', 'num'], ['always on', 'num']], layers.map(function (l) {
      return [l.name, l.opType, '[' + (l.shape || []).join(', ') + ']', int(l.neurons), fmt(l.meanActiveFraction, 3),
        fmt(l.meanEntropyBits, 4), fmt(l.meanConditionalEntropyBits, 4), fmt(l.meanMutualInformationBits, 4),
        int(l.dead), int(l.alwaysOn)];
    }));

    chart('chart-layer-entropy', function () {
      if (!layers.length) {
        return 'No layers.';
      }
      var names = layers.map(function (l) {
        return l.name;
      });
      var series = [['mean entropy H', 'meanEntropyBits', '#4e79a7'],
        ['mean conditional entropy H(A|Y)', 'meanConditionalEntropyBits', '#a0cbe8'],
        ['mean mutual information I(A;Y)', 'meanMutualInformationBits', '#f28e2b']];
      return {
        title: title('Entropy and mutual information per layer'),
        legend: {top: 26, textStyle: {fontSize: 11}},
        tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}, formatter: function (ps) {
          return esc(names[ps[0].dataIndex]) + ps.map(function (p) {
            return '<br>' + p.marker + esc(p.seriesName) + ': ' + esc(fmt(p.value, 4)) + ' bits';
          }).join('');
        }},
        grid: {left: 60, right: 20, top: 64, bottom: names.length > 7 ? 96 : 56},
        xAxis: assign({type: 'category', data: names, axisLabel: categoryLabels(names.length, 500)},
          axisName('layer', names.length > 7 ? 60 : 32)),
        yAxis: assign({type: 'value'}, axisName('bits', 40)),
        series: series.map(function (s) {
          return {type: 'bar', name: s[0], itemStyle: {color: s[2]}, barMaxWidth: 36, data: layers.map(function (l) {
            return num(l[s[1]]);
          })};
        })
      };
    });

    chart('chart-entropy-histogram', function () {
      var h = views.entropyHistogram;
      var labels = h.lowerBounds.map(function (lo) {
        return lo.toFixed(2);
      });
      return {
        title: title('Neuron entropies', 'bins of ' + h.binWidth + ' bits'),
        tooltip: {trigger: 'item', formatter: function (p) {
          var lo = h.lowerBounds[p.dataIndex];
          return esc(lo.toFixed(2) + '–' + (lo + h.binWidth).toFixed(2)) + ' bits: ' + esc(p.value) + ' neurons';
        }},
        grid: {left: 56, right: 20, top: 56, bottom: 50},
        xAxis: assign({type: 'category', data: labels, axisLabel: {interval: 3}}, axisName('entropy H_j (bits, bin start)', 30)),
        yAxis: assign({type: 'value', minInterval: 1}, axisName('neurons', 38)),
        series: [{type: 'bar', data: h.counts, barCategoryGap: '8%', itemStyle: {color: '#4e79a7'}}]
      };
    });

    chart('chart-null-model', nullModelChart(views));
    chart('chart-community-sizes', sizesChart(views, ''));
    chart('chart-class-heatmap', classHeatmapChart(views, ''));
    chart('chart-graph', communityGraphChart(views, ''));
    communitiesTable('communities-table', views);
    timings(r.timings);
  }

  // ---- evolution.html -------------------------------------------------------------------

  function renderEvolution() {
    var ev = DATA.evolution;
    var views = DATA.views;
    var cps = ev.checkpoints || [];
    var labels = views.labels;
    var axis = views.axis;
    var first = cps[0];
    var last = cps[cps.length - 1];
    function pointName(i) {
      var cp = cps[i];
      return axis === 'epoch' ? 'epoch ' + cp.epoch + ' · ' + cp.label : cp.label;
    }
    document.title = 'Coact evolution — ' + (last ? last.label : '');
    setText('page-subtitle', cps.length + ' checkpoints' + (first ? ': ' + first.label + ' → ' + last.label : ''));
    var dataset = ev.dataset || {};
    var tracking = ev.tracking || {};
    definitions('provenance', [
      ['Dataset', dataset.path],
      ['Dataset SHA-256', dataset.sha256, 'hash'],
      ['Samples', int(dataset.samples) + ' samples, ' + dataset.classes + ' classes'],
      ['Final model', last && last.model ? last.model.path : ''],
      ['Final model SHA-256', last && last.model ? last.model.sha256 : '', 'hash'],
      ['Configuration', configText(ev.config)],
      ['Tracking', 'best match by Jaccard overlap ≥ ' + tracking.minJaccard + '; singletons '
        + (tracking.includeSingletons ? 'included' : 'excluded')],
      ['Tool', ev.tool ? ev.tool.name + ' ' + ev.tool.version : '']
    ]);
    if (last) {
      var s = last.summary || {};
      var c = last.communities || {};
      cards('summary-cards', [
        ['Checkpoints', String(cps.length), first.label + ' → ' + last.label],
        ['Final accuracy', pct(last.accuracy), 'first ' + pct(first.accuracy)],
        ['Final modularity Q', fmt(c.modularity, 4), 'first ' + fmt(first.communities ? first.communities.modularity : null, 4)],
        ['Final communities', int(c.count), int(c.countWithoutSingletons) + ' with two or more neurons'],
        ['Final mean entropy', fmt(s.meanEntropyBits, 4), 'bits; first ' + fmt(first.summary ? first.summary.meanEntropyBits : null, 4)],
        ['Final mean MI', fmt(s.meanMutualInformationBits, 4), 'bits; first '
          + fmt(first.summary ? first.summary.meanMutualInformationBits : null, 4)]
      ]);
    }

    function series(name, pick) {
      return {name: name, values: cps.map(function (cp) {
        try {
          return num(pick(cp));
        } catch (e) {
          return null;
        }
      })};
    }
    function line(id, text, yName, list, digits, axisMin, band) {
      chart(id, function () {
        if (!cps.length) {
          return 'No checkpoints.';
        }
        var names = list.map(function (l) {
          return l.name;
        }).concat(band ? ['null model ± 2 sd', 'baseline (firing rates only)'] : []);
        return {
          title: title(text),
          legend: names.length > 1 ? {top: 24, textStyle: {fontSize: 11}, data: names} : undefined,
          tooltip: {trigger: 'axis', formatter: function (ps) {
            return esc(pointName(ps[0].dataIndex)) + ps.filter(function (p) {
              return p.seriesName !== 'null mean − 2 sd';
            }).map(function (p) {
              if (p.seriesName === 'null model ± 2 sd') {
                var i = p.dataIndex;
                return '<br>' + p.marker + 'null model: ' + esc(fmt(band.lower[i] + band.height[i] / 2, digits))
                  + ' ± ' + esc(fmt(band.height[i] / 2, digits)) + ' (2 sd)';
              }
              return '<br>' + p.marker + esc(p.seriesName) + ': ' + esc(fmt(p.value, digits));
            }).join('');
          }},
          grid: {left: 78, right: 24, top: names.length > 1 ? 60 : 44, bottom: 50},
          xAxis: assign({type: 'category', data: labels, boundaryGap: false,
            axisLabel: {hideOverlap: true, width: 90, overflow: 'truncate'}}, axisName(axis, 30)),
          yAxis: assign({type: 'value', min: axisMin === undefined ? 0 : axisMin, axisLabel: {formatter: function (v) {
            return digits === 0 ? String(v) : tick(v);
          }}}, axisName(yName, 62)),
          series: (band ? bandSeries(band) : []).concat(list.map(function (l, i) {
            return {type: 'line', name: l.name, data: l.values, symbolSize: 6, z: 3,
              itemStyle: {color: PALETTE[i]}, lineStyle: {width: 2}};
          }))
        };
      });
    }
    /** The null model's mean ± 2 sd as a shaded band (a transparent base plus the band's height). */
    function bandSeries(band) {
      return [
        {type: 'line', name: 'null mean − 2 sd', data: band.lower, stack: 'band', symbol: 'none',
          lineStyle: {opacity: 0}, tooltip: {show: false}},
        {type: 'line', name: 'null model ± 2 sd', data: band.height, stack: 'band', symbol: 'none',
          lineStyle: {opacity: 0}, areaStyle: {color: 'rgba(154,165,177,0.35)'}, itemStyle: {color: '#9aa5b1'}},
        {type: 'line', name: 'baseline (firing rates only)', data: band.baseline, symbol: 'none',
          lineStyle: {type: 'dashed', width: 1.5, color: '#4e79a7'}, itemStyle: {color: '#4e79a7'}}
      ];
    }
    var nulls = cps.map(function (cp) {
      return cp.communities ? cp.communities.nullModel : null;
    });
    var band = nulls.every(function (n) {
      return n;
    }) ? {
      lower: nulls.map(function (n) {
        return n.mean - 2 * n.sd;
      }),
      height: nulls.map(function (n) {
        return 4 * n.sd;
      }),
      baseline: nulls.map(function (n) {
        return n.baseline;
      })
    } : null;
    line('chart-accuracy', 'Accuracy', 'accuracy', [series('accuracy', function (cp) {
      return cp.accuracy;
    })], 4, 0);
    line('chart-modularity', 'Modularity with its null model', 'modularity Q', [series('modularity Q', function (cp) {
      return cp.communities.modularity;
    })], 4, band ? Math.min(0, Math.min.apply(null, band.lower)) : 0, band);
    line('chart-communities', 'Number of communities', 'communities', [
      series('all communities', function (cp) {
        return cp.communities.count;
      }),
      series('with two or more neurons', function (cp) {
        return cp.communities.countWithoutSingletons;
      })], 0);
    line('chart-entropy', 'Mean entropy and mutual information', 'bits', [
      series('mean entropy H', function (cp) {
        return cp.summary.meanEntropyBits;
      }),
      series('mean mutual information I(A;Y)', function (cp) {
        return cp.summary.meanMutualInformationBits;
      })], 4);

    chart('chart-layer-heatmap', function (box) {
      var m = views.layerEntropy;
      if (!m.layers.length || !cps.length) {
        return 'No layers.';
      }
      var cells = [];
      var lo = Infinity;
      var hi = -Infinity;
      m.values.forEach(function (row, y) {
        row.forEach(function (v, x) {
          if (num(v) !== null) {
            cells.push([x, y, v]);
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
          }
        });
      });
      if (!cells.length) {
        return 'No layer entropies.';
      }
      box.style.height = Math.max(240, 120 + 34 * m.layers.length) + 'px';
      return {
        title: title('Mean entropy per layer', 'bits; rows = layers, columns = checkpoints'),
        tooltip: {trigger: 'item', formatter: function (p) {
          return esc(m.layers[p.value[1]]) + '<br>' + esc(pointName(p.value[0])) + ': ' + esc(fmt(p.value[2], 4)) + ' bits';
        }},
        grid: {left: 150, right: 80, top: 56, bottom: 50},
        xAxis: assign({type: 'category', data: labels, splitArea: {show: true},
          axisLabel: {hideOverlap: true, width: 90, overflow: 'truncate'}}, axisName(axis, 30)),
        yAxis: assign({type: 'category', inverse: true, data: m.layers,
          axisLabel: {width: 130, overflow: 'truncate'}}, axisName('layer', 140)),
        visualMap: {min: lo, max: hi === lo ? lo + 1e-9 : hi, calculable: true, orient: 'vertical', right: 4,
          top: 'middle', itemHeight: 110, precision: 3, text: ['bits', ''], textStyle: {color: MUTED, fontSize: 11},
          inRange: {color: ['#fff5eb', '#fdae6b', '#e6550d', '#7f2704']}},
        series: [{type: 'heatmap', data: cells, itemStyle: {borderColor: '#fff', borderWidth: 1},
          label: {show: m.layers.length * labels.length <= 120, fontSize: 10, formatter: function (p) {
            return p.value[2].toFixed(2);
          }}}]
      };
    });

    var correlations = ev.correlations || [];
    function range(c) {
      return c.looMin === null || c.looMin === undefined ? 'n/a' : fmt(c.looMin, 2) + ' … ' + fmt(c.looMax, 2);
    }
    function driver(c) {
      return c.fragile ? 'fragile: ' + (c.drivenBy === null ? '' : labels[c.drivenBy]) : '';
    }
    table('correlations-table', [['figure', 'text'], ['n', 'num'], ['Pearson r', 'num'], ['p', 'num'],
      ['leave one out', 'num'], ['Spearman ρ', 'num'], ['p', 'num'], ['leave one out', 'num'], ['caveat', 'text']],
    correlations.map(function (k) {
      var p = k.pearson || {};
      var s = k.spearman || {};
      var caveat = [driver(p) ? 'Pearson ' + driver(p) : '', driver(s) ? 'Spearman ' + driver(s) : '']
        .filter(function (x) {
          return x;
        }).join('; ');
      return [k.figure, int(k.n), fmt(p.value, 4), pValue(p.pValue), range(p), fmt(s.value, 4), pValue(s.pValue),
        range(s), caveat];
    }));

    chart('chart-sankey', function () {
      var sk = views.sankey;
      if (!sk.links.length) {
        return 'No community flows between checkpoints.';
      }
      var byName = {};
      sk.nodes.forEach(function (node) {
        byName[node.name] = node;
      });
      var columns = {};
      sk.nodes.forEach(function (node) {
        columns[node.depth] = true;
      });
      setText('sankey-note', 'Columns are checkpoints, left to right; a band joins a community to a community of the'
        + ' next checkpoint and its width is the number of neurons they share. Node names: '
        + (sk.nodes[0].name.charAt(0) === 'e' ? 'e<epoch>' : 'k<checkpoint index>') + ':c<community>. A colour '
        + 'follows one community through its continuations; a new colour is a birth, split or merge.');
      return {
        title: title('Community flow across checkpoints', Object.keys(columns).length + ' checkpoints, '
          + int(sk.links.length) + ' flows'),
        tooltip: {trigger: 'item', confine: true, formatter: function (p) {
          if (p.dataType === 'edge') {
            var l = sk.links[p.dataIndex];
            return esc(l.source) + ' → ' + esc(l.target) + '<br>' + esc(l.value) + ' neurons shared, Jaccard '
              + esc(fmt(l.jaccard, 3));
          }
          var node = sk.nodes[p.dataIndex];
          return esc(node.name) + '<br>' + esc(pointName(node.checkpoint)) + ', community ' + esc(node.community);
        }},
        series: [{
          type: 'sankey', left: 20, right: 70, top: 56, bottom: 16, nodeWidth: 10, nodeGap: 4,
          draggable: false,
          emphasis: {focus: 'adjacency'},
          labelLayout: {hideOverlap: true},
          label: {fontSize: 9, color: TEXT},
          lineStyle: {color: 'gradient', opacity: 0.35, curveness: 0.5},
          data: sk.nodes.map(function (node) {
            return {name: node.name, depth: node.depth, itemStyle: {color: communityColour(node.lineage)}};
          }),
          links: sk.links.map(function (l) {
            return {source: l.source, target: l.target, value: l.value};
          })
        }]
      };
    });

    table('tracking-table', [['transition', 'text'], ['continuations', 'num'], ['births', 'num'], ['deaths', 'num'],
      ['splits', 'num'], ['merges', 'num'], ['flows', 'num']], (ev.transitions || []).map(function (t) {
      var from = cps[t.from] ? labels[t.from] : String(t.from);
      var to = cps[t.to] ? labels[t.to] : String(t.to);
      return [(axis === 'epoch' ? 'epoch ' : '') + from + ' → ' + to, int(t.continuations), int(t.births),
        int(t.deaths), int(t.splits), int(t.merges), int((t.flows || []).length)];
    }));

    var lastViews = views.last;
    setText('last-label', lastViews ? lastViews.label : '');
    if (lastViews) {
      chart('chart-community-sizes', sizesChart(lastViews, ''));
      chart('chart-class-heatmap', classHeatmapChart(lastViews, ''));
      chart('chart-graph', communityGraphChart(lastViews, ''));
      communitiesTable('communities-table', lastViews);
    } else {
      ['chart-community-sizes', 'chart-class-heatmap', 'chart-graph'].forEach(function (id) {
        chart(id, function () {
          return 'The final checkpoint\'s analysis is not available.';
        });
      });
    }

    table('checkpoints-table', [['#', 'num'], ['checkpoint', 'text'], ['epoch', 'num'], ['accuracy', 'num'],
      ['modularity', 'num'], ['communities', 'num'], ['≥ 2 neurons', 'num'], ['mean H', 'num'], ['mean I', 'num'],
      ['dead', 'num'], ['purity', 'num'], ['NMI', 'num']], cps.map(function (cp) {
      var s = cp.summary || {};
      var c = cp.communities || {};
      return [String(cp.index), cp.label, cp.epoch === null ? 'n/a' : String(cp.epoch), fmt(cp.accuracy, 4),
        fmt(c.modularity, 4), int(c.count), int(c.countWithoutSingletons), fmt(s.meanEntropyBits, 4),
        fmt(s.meanMutualInformationBits, 4), int(s.dead), fmt(c.purity, 3), fmt(c.nmi, 3)];
    }));
    timings(ev.timings);
  }

  // ---- main -----------------------------------------------------------------------------

  try {
    if (DATA.page === 'analysis') {
      renderAnalysis();
    } else if (DATA.page === 'evolution') {
      renderEvolution();
    } else {
      throw new Error('unknown page kind ' + DATA.page);
    }
  } catch (e) {
    console.error('rendering failed:', e);
  }
  window.addEventListener('resize', function () {
    charts.forEach(function (c) {
      c.resize();
    });
  });
  // For tests and tools: how many charts were drawn, where they are, how tall the page is.
  document.querySelectorAll('.chart').forEach(function (box) {
    var r = box.getBoundingClientRect();
    box.dataset.rect = [r.left + window.scrollX, r.top + window.scrollY, r.width, r.height].map(Math.round).join(',');
  });
  document.body.dataset.charts = String(document.querySelectorAll('.chart:not(.empty)').length);
  document.body.dataset.height = String(Math.ceil(document.documentElement.scrollHeight));
  // Self-check for the browser test: with #coact-tooltip-check in the URL, every chart shows
  // the tooltip of its first data item, so hostile names pass through the tooltip formatters.
  if (window.location.hash === '#coact-tooltip-check') {
    charts.forEach(function (c) {
      c.dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: 0});
    });
  }
  document.body.dataset.rendered = String(charts.length);
})();
