// The console's upload page: Uppy 6 (its published bundle, unmodified) in Companion mode through the gateway, with
// an upload token the console mints for the signed-in tenant. The token lives in this page's memory only.
import { Uppy, Dashboard, AwsS3 } from '../vendor/uppy/uppy.min.mjs'

const multipartAbove = 10 * 1024 * 1024
const csrfToken = document.querySelector('meta[name="_csrf"]').content
const csrfHeader = document.querySelector('meta[name="_csrf_header"]').content
const errorBox = document.getElementById('upload-error')

function showError (message) {
  errorBox.textContent = message
  errorBox.hidden = false
}

async function mintToken () {
  const response = await fetch('/console/tenant/upload/token', { method: 'POST', headers: { [csrfHeader]: csrfToken } })
  if (!response.ok) {
    throw new Error(`the console could not get an upload token (HTTP ${response.status})`)
  }
  return response.json()
}

// What a test reads besides the page
window.consoleUploads = { succeeded: [], failed: [], progress: 0 }

try {
  const { token } = await mintToken()
  const uppy = new Uppy({ autoProceed: false })
    .use(Dashboard, {
      inline: true,
      target: '#uploader',
      width: '100%',
      height: 380,
      showProgressDetails: true,
      proudlyDisplayPoweredByUppy: false,
    })
    .use(AwsS3, {
      // Companion mode sends no headers of the page's choosing: the token stands in the endpoint's path
      companionEndpoint: `${location.origin}/api/v1/t/${token}`,
      shouldUseMultipart: (file) => file.size > multipartAbove,
    })
  uppy.on('progress', (progress) => { window.consoleUploads.progress = progress })
  uppy.on('upload-success', (file) => {
    window.consoleUploads.succeeded.push({ name: file.name, size: file.size })
    const item = document.createElement('li')
    item.textContent = `${file.name} (${file.size} bytes)`
    document.getElementById('uploaded').append(item)
  })
  uppy.on('upload-error', (file, error) => {
    window.consoleUploads.failed.push({ name: file?.name, error: String(error?.message ?? error) })
    showError(`${file?.name}: ${error?.message ?? error}`)
  })
  window.uppy = uppy
} catch (error) {
  showError(String(error?.message ?? error))
}
