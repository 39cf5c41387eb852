// Placeholder while the view model is being written.
import type { Snapshot, World } from '../../engine'
import type { GraphModel, ViewOptions } from './types'

export function buildGraph(_snapshot: Snapshot, _world: World, options: ViewOptions): GraphModel {
  return { level: options.level, rules: options.rules, light: false, elements: {}, legend: [] }
}
