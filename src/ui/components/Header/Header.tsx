// The app's title bar: product name and what it is for.

import './Header.css'

export function Header() {
  return (
    <header className="header">
      <h1 className="header__title">
        <span aria-hidden="true" className="header__logo">
          ⬡
        </span>
        Docker Network Lab
      </h1>
      <p className="header__tagline">
        See how Docker wires containers together: bridges, veth pairs, namespaces and iptables,
        live.
      </p>
    </header>
  )
}
