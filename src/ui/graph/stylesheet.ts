// The graph's look: style by class and data only (no per-element bypasses, no function values;
// see shared/reference/performance.md §1.1). Network colours come as `data(color)` from the
// worker's model; everything else from the theme's palette below (kept in step with App.css).

import type { StylesheetJson } from 'cytoscape'

export type Theme = 'light' | 'dark'

const MONO = 'ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace'

type Palette = {
  text: string
  muted: string
  hostBg: string
  hostBorder: string
  nsBg: string
  nsBorder: string
  nsText: string
  nodeBg: string
  nodeBorder: string
  nicBg: string
  nicBorder: string
  loBg: string
  segmentBg: string
  segmentBorder: string
  segmentText: string
  badgeBg: string
  badgeText: string
  rulesBg: string
  rulesText: string
  selected: string
  trace: string
  edge: string
}

const PALETTES: Record<Theme, Palette> = {
  light: {
    text: '#0f172a',
    muted: '#475569',
    hostBg: '#f8fafc',
    hostBorder: '#475569',
    nsBg: '#eef2ff',
    nsBorder: '#6366f1',
    nsText: '#3730a3',
    nodeBg: '#ffffff',
    nodeBorder: '#64748b',
    nicBg: '#e0f2fe',
    nicBorder: '#0369a1',
    loBg: '#f1f5f9',
    segmentBg: '#dcfce7',
    segmentBorder: '#15803d',
    segmentText: '#14532d',
    badgeBg: '#fef3c7',
    badgeText: '#78350f',
    rulesBg: '#fffbeb',
    rulesText: '#422006',
    selected: '#f59e0b',
    trace: '#2563eb',
    edge: '#64748b',
  },
  dark: {
    text: '#e2e8f0',
    muted: '#94a3b8',
    hostBg: '#111827',
    hostBorder: '#64748b',
    nsBg: '#1e1b4b',
    nsBorder: '#818cf8',
    nsText: '#c7d2fe',
    nodeBg: '#1f2937',
    nodeBorder: '#94a3b8',
    nicBg: '#0c4a6e',
    nicBorder: '#38bdf8',
    loBg: '#1e293b',
    segmentBg: '#14532d',
    segmentBorder: '#4ade80',
    segmentText: '#dcfce7',
    badgeBg: '#451a03',
    badgeText: '#fde68a',
    rulesBg: '#1c1917',
    rulesText: '#fde68a',
    selected: '#fbbf24',
    trace: '#60a5fa',
    edge: '#94a3b8',
  },
}

/**
 * The stylesheet for a theme. `webgl`: Cytoscape's WebGL mode draws no line outlines, so a
 * tunnel is a solid line in its overlay's colour there rather than a hollow pipe.
 */
export function stylesheet(
  theme: Theme,
  options: { readonly webgl?: boolean } = {},
): StylesheetJson {
  const p = PALETTES[theme]
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'font-family': MONO,
        'font-size': 11,
        color: p.text,
        'text-wrap': 'wrap',
        'text-valign': 'center',
        'text-halign': 'center',
        'min-zoomed-font-size': 3,
      },
    },
    {
      selector: 'node.host',
      style: {
        shape: 'round-rectangle',
        'background-color': p.hostBg,
        'border-width': 2,
        'border-color': p.hostBorder,
        'text-valign': 'top',
        'text-halign': 'center',
        'font-size': 15,
        'font-weight': 'bold',
        'text-margin-y': -6,
        padding: '18px',
      },
    },
    {
      selector: 'node.title',
      style: {
        shape: 'round-rectangle',
        'background-opacity': 0,
        'border-width': 0,
        'font-size': 16,
        'font-weight': 'bold',
        width: 120,
        height: 24,
      },
    },
    {
      selector: 'node.netns',
      style: {
        shape: 'round-rectangle',
        'background-color': p.nsBg,
        'border-width': 1.5,
        'border-style': 'dashed',
        'border-color': p.nsBorder,
        'text-valign': 'top',
        'text-halign': 'center',
        color: p.nsText,
        'font-size': 11,
        'text-margin-y': -4,
        padding: '22px',
      },
    },
    // An overlay's sandbox namespace: tinted and rimmed in the overlay's colour.
    {
      selector: 'node.netns-overlay',
      style: {
        'background-color': 'data(color)',
        'background-opacity': 0.07,
        'border-color': 'data(color)',
        'border-width': 2,
        color: p.text,
        'font-size': 12,
        'font-weight': 'bold',
      },
    },
    {
      selector: 'node.netns-title',
      style: {
        'border-width': 0,
        'background-opacity': 0,
        'text-valign': 'center',
        width: 200,
        height: 20,
        padding: '0px',
      },
    },
    { selector: 'node.netns-title.netns-overlay', style: { width: 300, color: 'data(color)' } },
    {
      selector: 'node.interface',
      style: {
        shape: 'round-rectangle',
        width: 140,
        height: 70,
        'font-size': 12,
        'background-color': p.nodeBg,
        'border-width': 2,
        'border-color': p.nodeBorder,
      },
    },
    {
      selector: 'node.link-ether',
      style: { 'border-color': p.nicBorder, 'background-color': p.nicBg },
    },
    {
      selector: 'node.link-loopback',
      style: { 'border-color': p.nodeBorder, 'background-color': p.loBg, color: p.muted },
    },
    { selector: 'node.link-bridge', style: { 'border-width': 4 } },
    // A VXLAN device: a pipe's end (the tunnels start there), tinted like a bridge.
    { selector: 'node.link-vxlan', style: { shape: 'barrel', 'border-width': 4 } },
    // Devices stacked on another (macvlan/ipvlan children, VLAN sub-interfaces): a double rim.
    {
      selector: 'node.link-macvlan, node.link-ipvlan, node.link-vlan',
      style: { 'border-style': 'double', 'border-width': 6 },
    },
    {
      selector: 'node.link-vlan',
      style: { 'border-color': p.nicBorder, 'background-color': p.nicBg },
    },
    { selector: 'node.on-network', style: { 'border-color': 'data(color)' } },
    {
      selector: 'node.link-bridge.on-network, node.link-vxlan.on-network',
      style: { 'background-color': 'data(color)', 'background-opacity': 0.18 },
    },
    { selector: 'node.state-down', style: { 'border-style': 'dashed', color: p.muted } },
    {
      selector: 'node.container',
      style: {
        shape: 'round-rectangle',
        width: 150,
        height: 56,
        'background-color': p.nodeBg,
        'border-width': 3,
        'border-color': 'data(color)',
        color: p.text,
        'font-size': 12,
      },
    },
    {
      selector: 'node.container-host-mode',
      style: { 'border-color': p.nodeBorder, 'background-color': p.badgeBg, color: p.badgeText },
    },
    { selector: 'node.container.light', style: { width: 100, height: 30, 'font-size': 10 } },
    { selector: 'node.container[!color]', style: { 'border-color': p.nodeBorder } },
    {
      selector:
        'node.container.status-exited, node.container.status-created, node.container.status-dead',
      style: { 'border-style': 'dashed', color: p.muted },
    },
    {
      selector: 'node.network',
      style: {
        shape: 'round-rectangle',
        width: 'data(w)',
        height: 'data(h)',
        'background-color': 'data(color)',
        'border-width': 0,
        color: '#ffffff',
        'font-weight': 'bold',
        'font-size': 13,
      },
    },
    // An overlay known to this host's daemon but not plumbed here (no container of it yet).
    { selector: 'node.network.dormant', style: { 'background-opacity': 0.45 } },
    {
      selector: 'node.network.internal',
      style: { 'border-width': 3, 'border-style': 'dashed', 'border-color': p.text },
    },
    {
      selector: 'node.segment',
      style: {
        shape: 'round-rectangle',
        width: 210,
        height: 52,
        'background-color': p.segmentBg,
        'border-width': 2,
        'border-color': p.segmentBorder,
        color: p.segmentText,
      },
    },
    {
      selector: 'node.badge',
      style: {
        shape: 'round-rectangle',
        width: 'data(w)',
        height: 'data(h)',
        'font-size': 10,
        'background-color': p.badgeBg,
        'border-width': 1,
        'border-color': p.selected,
        color: p.badgeText,
      },
    },
    {
      selector: 'node.rules',
      style: {
        shape: 'round-rectangle',
        width: 'data(w)',
        height: 'data(h)',
        'font-size': 9,
        'text-justification': 'left',
        'background-color': p.rulesBg,
        'border-width': 1,
        'border-color': p.selected,
        color: p.rulesText,
      },
    },
    { selector: 'edge', style: { width: 2, 'line-color': p.edge, 'curve-style': 'straight' } },
    { selector: 'edge.cable', style: { width: 3, 'line-color': p.segmentBorder } },
    {
      selector: 'edge.router-link',
      style: {
        width: 4,
        label: 'data(label)',
        'font-family': MONO,
        'font-size': 11,
        color: p.segmentText,
        'text-background-color': p.segmentBg,
        'text-background-opacity': 1,
        'text-background-padding': '3px',
      },
    },
    { selector: 'edge.veth', style: { width: 3 } },
    { selector: 'edge.on-network, edge.endpoint', style: { 'line-color': 'data(color)' } },
    {
      selector: 'edge.endpoint',
      style: {
        width: 3,
        label: 'data(label)',
        'text-wrap': 'wrap',
        'font-family': MONO,
        'font-size': 10,
        color: p.text,
        'text-background-color': p.hostBg,
        'text-background-opacity': 0.9,
        'text-background-padding': '2px',
      },
    },
    { selector: 'edge.configured', style: { 'line-style': 'dashed', opacity: 0.6 } },
    // Edges routed around what lies between their ends: two corners at data(bend) from the
    // straight line (a U under or over the drawing), rounded.
    {
      selector: 'edge.routed',
      style: {
        'curve-style': 'segments',
        'segment-weights': '0 1',
        'segment-distances': 'data(bend)',
        'edge-distances': 'node-position',
        'segment-radii': [18, 18],
        'radius-type': 'arc-radius',
      },
    },
    // A VXLAN tunnel: a hollow pipe in the overlay's colour (a double line), nothing like the
    // solid green cables of the underlay it is carried over.
    {
      selector: 'edge.tunnel',
      style: {
        width: 9,
        'line-color': p.hostBg,
        'line-outline-width': 3,
        'line-outline-color': 'data(color)',
        label: 'data(label)',
        'font-family': MONO,
        'font-size': 11,
        'font-weight': 'bold',
        color: 'data(color)',
        'text-wrap': 'wrap',
        'text-background-color': p.hostBg,
        'text-background-opacity': 0.95,
        'text-background-padding': '3px',
        'text-background-shape': 'roundrectangle',
        'text-border-width': 1,
        'text-border-color': 'data(color)',
        'text-border-opacity': 1,
      },
    },
    // IPsec: the pipe is filled (ESP wraps the VXLAN packets).
    { selector: 'edge.tunnel.encrypted', style: { 'line-color': p.badgeBg } },
    ...(options.webgl
      ? [{ selector: 'edge.tunnel', style: { 'line-color': 'data(color)', width: 7 } }]
      : []),
    // A stacked device to its parent: dashed, in its network's colour when it has one.
    {
      selector: 'edge.lower',
      style: {
        width: 3,
        'line-style': 'dashed',
        'line-dash-pattern': [9, 4],
        'line-color': p.nicBorder,
        label: 'data(label)',
        'font-family': MONO,
        'font-size': 10,
        color: p.text,
        'text-background-color': p.hostBg,
        'text-background-opacity': 0.9,
        'text-background-padding': '2px',
      },
    },
    { selector: 'edge.lower.on-network', style: { 'line-color': 'data(color)' } },
    // Docker view: the label by the NIC's end, clear of the host's title over the bars.
    {
      selector: 'edge.lower.routed',
      style: {
        label: '',
        'source-label': 'data(label)',
        'source-text-offset': 74,
        'font-family': MONO,
        'font-size': 10,
        color: p.text,
        'text-background-color': p.hostBg,
        'text-background-opacity': 0.9,
        'text-background-padding': '2px',
      },
    },
    {
      selector: 'edge.share',
      style: {
        'line-style': 'dashed',
        'line-color': p.nsBorder,
        label: 'data(label)',
        'font-size': 10,
        color: p.nsText,
      },
    },
    {
      selector: 'edge.note',
      style: { 'line-style': 'dotted', 'line-color': p.selected, width: 1 },
    },
    { selector: 'edge.dragging-off', style: { width: 5, 'line-style': 'dashed' } },
    { selector: 'edge.dragging-far', style: { 'line-color': '#dc2626' } },
    { selector: '.dim', style: { opacity: 0.18 } },
    {
      selector: 'node:selected',
      style: { 'border-width': 4, 'border-color': p.selected, 'border-style': 'solid' },
    },
    { selector: 'edge:selected', style: { 'line-color': p.selected, width: 5 } },
    // Where the trace player's current step happens (one element at a time).
    {
      selector: 'node.trace-current',
      style: { 'border-width': 5, 'border-color': p.trace, 'border-style': 'solid' },
    },
    { selector: 'edge.trace-current', style: { 'line-color': p.trace, width: 6 } },
  ]
}
