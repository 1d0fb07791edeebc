// The shapes of the provider ids a request may carry (issue 10, item 1). An id
// that reaches a URL path must never be `.`/`..`, hold a slash, backslash,
// percent sign, control character or lone surrogate; the contract refuses those
// here, and main's path builder (core/providers/paths.ts) refuses them again
// for ids that came from a provider answer instead of the renderer.
//
// What the references document: aluy ids are 25-character CUIDs, SSH key and
// template ids are VirtFusion integers; elizon shows ids such as `abc123`
// (services) and leaves the rest open (backups and firewall rules come from the
// hypervisor: Pterodactyl UUIDs, Proxmox numbers or archive names). So an id is
// letters, digits, `_` and `-`, starting with a letter or digit; backup and
// template ids may also hold dots (`vzdump-…-100.vma`, `ubuntu-24.04`), never
// first, so never a dot segment. Compiled for main and renderer: zod only.
import { z } from 'zod'

const WORD = '[A-Za-z0-9][A-Za-z0-9_-]{0,127}'
const DOTTED = '[A-Za-z0-9][A-Za-z0-9._-]{0,199}'
const ACCOUNT = 'acc_[a-z0-9]{8,32}'

const WORD_HINT = 'letters, digits, "-" and "_", starting with a letter or digit'
const DOTTED_HINT = 'letters, digits, "-", "_" and ".", starting with a letter or digit'

function idOf(pattern: string, what: string, hint: string) {
  return z.string().regex(new RegExp(`^${pattern}$`), `not ${what} (${hint})`)
}

/** A server (service) id: aluy CUID, elizon id. */
export const ServiceId = idOf(WORD, 'a server id', WORD_HINT)
export const BackupId = idOf(DOTTED, 'a backup id', DOTTED_HINT)
export const FirewallRuleId = idOf(WORD, 'a firewall rule id', WORD_HINT)
/** aluy: VirtFusion integer as text; elizon: its own id. */
export const SshKeyId = idOf(WORD, 'an SSH key id', WORD_HINT)
export const TicketId = idOf(WORD, 'a ticket id', WORD_HINT)
export const OrderId = idOf(WORD, 'an order id', WORD_HINT)
export const InvoiceId = idOf(WORD, 'an invoice id', WORD_HINT)
/** An OS template: aluy's numbers, elizon's names such as `ubuntu-24.04`. */
export const TemplateId = idOf(DOTTED, 'a template id', DOTTED_HINT)

/** `${accountId}:${id}` where the id has the `WORD` shape (servers, tickets, invoices). */
function keyOf(what: string) {
  return z
    .string()
    .max(300)
    .regex(new RegExp(`^${ACCOUNT}:${WORD}$`), `not ${what} (an account id, ":", then ${WORD_HINT})`)
}

/** `${accountId}:${serviceId}` — the Server.key, as a request that reaches the provider takes it. */
export const ServerKey = keyOf('a server key')
export const TicketKey = keyOf('a ticket key')
export const InvoiceKey = keyOf('an invoice key')

/**
 * A server key for what stays on this machine (tags, notes, which rows are
 * visible, bulk selections checked per server): any server the provider listed
 * must be taggable even when its id could never be sent back.
 */
export const LocalServerKey = z
  .string()
  .max(300)
  .regex(/^acc_[a-z0-9]{8,32}:[^\s]{1,200}$/, 'not a server key')
