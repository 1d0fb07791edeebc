// A clock that ticks while a component is mounted, so "2 minutes ago" and
// "retry in N s" stay true without a reload.
import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue'

export function useNow(intervalMs = 1000): Ref<number> {
  const now = ref(Date.now())
  let timer: ReturnType<typeof setInterval> | undefined
  onMounted(() => {
    timer = setInterval(() => (now.value = Date.now()), intervalMs)
  })
  onBeforeUnmount(() => clearInterval(timer))
  return now
}
