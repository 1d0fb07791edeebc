// The provider simulators: real HTTP servers on 127.0.0.1 that speak the aluy
// reseller API and the elizon API, for tests, the demo and benchmarks.
//
//   const aluy = await startAluySimulator({ seed: 7, accounts: 2 })
//   aluy.url                       // http://127.0.0.1:PORT/api/reseller/v1
//   aluy.accounts[0].credential    // the session-token value
//   aluy.inject({ kind: '5xx', times: 2, path: /\/services$/ })
//   aluy.state.servicesOf(aluy.accounts[0].id)
//   await aluy.close()
//
// Layout: core/ (server, router, faults, latency, request log, seeded randomness,
// PDFs) and one folder per provider with a module per resource group.
export type { AddAccountOptions, FaultKind, FaultSpec, ProviderName, RequestRecord, SimAccount, SimOptions, Simulator } from './core/types'
export { startAluySimulator, AluyState, ALUY_API_PREFIX, type AluySimulator } from './aluy/index'
export { startElizonSimulator, ElizonState, ELIZON_API_PREFIX, type ElizonSimulator } from './elizon/index'
export type { AluyService, AluyAccount, AluyInvoice, AluyOrder, AluyTicket } from './aluy/model'
export type { ElizonService, ElizonAccount, ElizonInvoice, ElizonTicket } from './elizon/model'
