// The graph's look: style by class and data only (no per-element bypasses, no function values;
// see shared/reference/performance.md §1.1). Colours follow the UI theme tokens in App.css.

import type { StylesheetJson } from 'cytoscape'

const MONO = 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace'

export const stylesheet: StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'font-family': MONO,
      'font-size': 11,
      color: '#0f172a',
      'text-wrap': 'wrap',
      'text-valign': 'center',
      'text-halign': 'center',
    },
  },
  {
    selector: 'node.host',
    style: {
      shape: 'round-rectangle',
      'background-color': '#f8fafc',
      'border-width': 2,
      'border-color': '#475569',
      'text-valign': 'top',
      'text-halign': 'center',
      'font-size': 15,
      'font-weight': 'bold',
      'text-margin-y': -6,
      padding: '18px',
    },
  },
  {
    selector: 'node.netns',
    style: {
      shape: 'round-rectangle',
      'background-color': '#eef2ff',
      'border-width': 1.5,
      'border-style': 'dashed',
      'border-color': '#6366f1',
      'text-valign': 'top',
      'text-halign': 'center',
      color: '#4338ca',
      'font-size': 11,
      'text-margin-y': -4,
      padding: '22px',
    },
  },
  {
    selector: 'node.interface',
    style: {
      shape: 'round-rectangle',
      width: 140,
      height: 70,
      'background-color': '#ffffff',
      'border-width': 2,
      'border-color': '#64748b',
    },
  },
  {
    selector: 'node.link-ether',
    style: { 'border-color': '#0369a1', 'background-color': '#e0f2fe' },
  },
  {
    selector: 'node.link-bridge',
    style: { 'border-color': '#1d63ed', 'background-color': '#dbeafe' },
  },
  {
    selector: 'node.link-loopback',
    style: { 'border-color': '#94a3b8', 'background-color': '#f1f5f9' },
  },
  {
    selector: 'node.link-veth',
    style: { 'border-color': '#7c3aed', 'background-color': '#f5f3ff' },
  },
  { selector: 'node.state-down', style: { 'border-style': 'dashed', color: '#475569' } },
  {
    selector: 'node.container',
    style: {
      shape: 'round-rectangle',
      width: 150,
      height: 52,
      'background-color': '#fef3c7',
      'border-width': 2,
      'border-color': '#b45309',
      color: '#78350f',
    },
  },
  {
    selector: 'node.segment',
    style: {
      shape: 'round-rectangle',
      width: 210,
      height: 52,
      'background-color': '#dcfce7',
      'border-width': 2,
      'border-color': '#15803d',
      color: '#14532d',
    },
  },
  {
    selector: 'edge',
    style: { width: 2, 'line-color': '#64748b', 'curve-style': 'straight' },
  },
  { selector: 'edge.cable', style: { width: 3, 'line-color': '#15803d' } },
  { selector: 'edge.port', style: { 'line-color': '#1d63ed' } },
  { selector: 'edge.veth', style: { width: 3, 'line-color': '#7c3aed' } },
  {
    selector: ':selected',
    style: { 'border-width': 3, 'border-color': '#f59e0b', 'line-color': '#f59e0b' },
  },
  // Where the trace player's current step happens (one element at a time).
  {
    selector: 'node.trace-current',
    style: { 'border-width': 4, 'border-color': '#2563eb', 'background-color': '#dbeafe' },
  },
]
