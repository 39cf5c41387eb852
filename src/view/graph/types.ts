// The graph's view model: what the diagram draws, with where, computed from a snapshot in the
// worker (off the main thread) and sent to the UI as diffs. Plain, structured-clone-safe data;
// the UI only turns it into Cytoscape elements.

import type { RecordId } from '../../engine'

/** Two levels of detail: containers ↔ networks, or namespaces, veths, bridges and NICs. */
export type ViewLevel = 'docker' | 'kernel'

/** What the UI asks the worker to draw. */
export type ViewOptions = {
  readonly level: ViewLevel
  /** Overlay the NAT and filter rules that act at each bridge and NIC. */
  readonly rules: boolean
}

export type ViewElementKind =
  /** A machine (compound in the full representation). */
  | 'host'
  /** A host title drawn as its own node (the light representation has no labelled parents). */
  | 'title'
  /** A network namespace (compound), or its title in the light representation. */
  | 'netns'
  | 'interface'
  /** The LAN (and the router to the Internet) a NIC is cabled to. */
  | 'segment'
  /** Docker view: a network, drawn as a bar the containers hang from. */
  | 'network'
  /** Docker view: a container; kernel view: a host-mode container inside the host namespace. */
  | 'container'
  /** A published port: `0.0.0.0:8080 → 80/tcp`. */
  | 'badge'
  /** The rules overlay: the NAT/filter rules that act at a bridge or NIC. */
  | 'rules'
  // Edges:
  | 'cable'
  | 'port'
  | 'veth'
  /** Docker view: a container's endpoint on a network (labelled with its address). */
  | 'endpoint'
  /** `--network container:NAME`: the namespace is shared with another container. */
  | 'share'
  /** A badge or a rules note to what it is about. */
  | 'note'
  /**
   * A swarm overlay's VXLAN tunnel between two hosts: vxlan0 to vxlan0 (kernel view), the
   * overlay's bar on one host to its bar on the other (Docker view).
   */
  | 'tunnel'
  /**
   * A stacked device to the one it sits on: a macvlan/ipvlan child or a VLAN sub-interface to
   * its parent (kernel view); a macvlan/ipvlan network to its parent NIC (Docker view).
   */
  | 'lower'

/** One drawn element. Nodes have a position; edges have source and target. */
export type ViewElement = {
  readonly id: string
  readonly kind: ViewElementKind
  readonly label: string
  readonly parent?: string
  readonly source?: string
  readonly target?: string
  readonly position?: { readonly x: number; readonly y: number }
  /** The snapshot record the element stands for (selection, inspector, menus). */
  readonly record: RecordId
  /** Other records it stands for in this view (a Docker-view container stands for its netns
   * and interfaces), so selections and trace steps find it whichever record they name. */
  readonly stands?: readonly RecordId[]
  /** Width and height for nodes sized by their text (badges, rule notes), in model pixels. */
  readonly size?: { readonly w: number; readonly h: number }
  /** The network colour (`#rrggbb`) for elements that belong to one network. */
  readonly color?: string
  /** The networks (record ids) this element belongs to: focus and drag targets. */
  readonly networks?: readonly RecordId[]
  /** The container (record id) this element belongs to: focus. */
  readonly container?: RecordId
  /** Style classes, e.g. `interface link-bridge state-down`. */
  readonly classes: string
  /**
   * Edges routed around what lies between their ends (class `routed`): how far the middle runs
   * from the straight line, in model pixels; positive is downwards for an edge drawn from left
   * to right (tunnels are made so).
   */
  readonly bend?: number
}

/** One row of the legend: a network and its colour. */
export type LegendEntry = {
  /** The network's record (a swarm overlay's: the one on the first host that has it). */
  readonly network: RecordId
  /**
   * Its host's name when another host has a local network of the same name (networks are local
   * to a daemon); never for a swarm overlay, which is one network on every host.
   */
  readonly host?: string
  readonly name: string
  /** The driver as the legend shows it: `bridge`, `overlay, VNI 4097`, `macvlan on eth0`. */
  readonly driver: string
  readonly subnet: string
  readonly color: string
  /** Containers attached (endpoints; an overlay's on every host). */
  readonly containers: number
}

/** What the diagram draws for one view. */
export type GraphModel = {
  readonly level: ViewLevel
  readonly rules: boolean
  /** The light representation: no labelled compound parents (large worlds). */
  readonly light: boolean
  readonly elements: Readonly<Record<string, ViewElement>>
  readonly legend: readonly LegendEntry[]
}

/** A graph model change: elements by identity, plus the (small) header fields every time. */
export type GraphDiff = {
  /** True when `added` is the whole model (first model, or a change of view). */
  readonly full: boolean
  readonly level: ViewLevel
  readonly rules: boolean
  readonly light: boolean
  readonly legend: readonly LegendEntry[]
  readonly added: readonly ViewElement[]
  readonly updated: readonly ViewElement[]
  readonly removed: readonly string[]
}
