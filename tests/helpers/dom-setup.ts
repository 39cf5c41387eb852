// Component tests: jest-dom matchers (toBeEnabled, toHaveValue…) and cleanup between tests.

import '@testing-library/jest-dom/vitest'
import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'

afterEach(() => cleanup())
