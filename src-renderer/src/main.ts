import { createApp } from 'vue'
import { createPinia } from 'pinia'
import PrimeVue from 'primevue/config'
import ConfirmationService from 'primevue/confirmationservice'
import ToastService from 'primevue/toastservice'
import 'primeicons/primeicons.css'
import './styles.css'
import App from './App.vue'
import { createFlotillaI18n } from './i18n'
import { createFlotillaRouter } from './router'
import { DARK_CLASS, FLOTILLA_PRESET } from './theme'

const app = createApp(App)
app.use(createPinia())
app.use(createFlotillaRouter())
app.use(createFlotillaI18n())
app.use(PrimeVue, {
  theme: { preset: FLOTILLA_PRESET, options: { darkModeSelector: `.${DARK_CLASS}`, cssLayer: false } }
})
app.use(ConfirmationService)
app.use(ToastService)
app.mount('#app')
