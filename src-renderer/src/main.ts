import { createApp } from 'vue'
import { createPinia } from 'pinia'
import PrimeVue from 'primevue/config'
import ConfirmationService from 'primevue/confirmationservice'
import ToastService from 'primevue/toastservice'
import Aura from '@primeuix/themes/aura'
import 'primeicons/primeicons.css'
import './styles.css'
import App from './App.vue'
import { createFlotillaI18n } from './i18n'
import { createFlotillaRouter } from './router'
import { DARK_CLASS } from './theme'

const app = createApp(App)
app.use(createPinia())
app.use(createFlotillaRouter())
app.use(createFlotillaI18n())
app.use(PrimeVue, {
  theme: { preset: Aura, options: { darkModeSelector: `.${DARK_CLASS}`, cssLayer: false } }
})
app.use(ConfirmationService)
app.use(ToastService)
app.mount('#app')
