// Gives components the store without prop drilling; `useLab(selector)` reads a slice of it.

import { createContext, useContext } from 'react'
import { useStore } from 'zustand'
import type { LabActions, LabState, LabStore } from './lab-store'

export const LabStoreContext = createContext<LabStore | null>(null)

export function useLabStore(): LabStore {
  const store = useContext(LabStoreContext)
  if (!store) throw new Error('useLab outside <LabStoreContext.Provider>')
  return store
}

export function useLab<T>(selector: (s: LabState & LabActions) => T): T {
  return useStore(useLabStore(), selector)
}
