// The end user's page: Uppy 6 (unmodified, from its published bundle) uploading through Uplink's gateway with an
// upload token, in one of the two ways Uppy's AwsS3 plugin signs requests.
import { Uppy, Dashboard, AwsS3, GoldenRetriever } from '/vendor/uppy/uppy.min.mjs'

const mode = new URLSearchParams(location.search).get('mode') === 'companion' ? 'companion' : 'sign'
document.getElementById('mode').textContent = mode

// This page's own backend decides who the user is and mints the token (see ExampleBackend.java).
const minted = await (await fetch('/upload-token', { method: 'POST' })).json()
const { gateway, token } = minted
const multipartAbove = 10 * 1024 * 1024

// Golden Retriever keeps a file's bytes across a page reload in IndexedDB up to 10 MiB, and bigger files only in its
// service worker (its published ServiceWorker.js, served as /sw.js). Without one (an origin that is not secure, or a
// browser without service workers) a big file comes back as a "ghost" that the user selects again.
const serviceWorker = await controlledByServiceWorker('/sw.js')

const uppy = new Uppy({ autoProceed: false })
  .use(Dashboard, { inline: true, target: '#uploader', showProgressDetails: true, proudlyDisplayPoweredByUppy: false })
  // resumes uploads after a page reload: a multipart upload goes on from the parts the store already holds
  .use(GoldenRetriever, { serviceWorker })

if (mode === 'companion') {
  // Companion mode sends no headers of the page's choosing: the token stands in the endpoint's path.
  uppy.use(AwsS3, {
    companionEndpoint: `${gateway}/api/v1/t/${token}`,
    shouldUseMultipart: (file) => file.size > multipartAbove,
  })
} else {
  const files = new Map() // the object key Uppy asks to sign → the file, so the request can name size and type
  uppy.use(AwsS3, {
    bucket: 'uplink-uploads', // required by the plugin; Uplink's signed URLs decide where the bytes go
    generateObjectKey: (file) => {
      const key = `${crypto.randomUUID()}-${file.name}`
      files.set(key, file)
      return key
    },
    shouldUseMultipart: (file) => file.size > multipartAbove,
    async signRequest (request) {
      const file = files.get(request.key)
      const response = await fetch(`${gateway}/api/v1/s3/sign`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({
          ...request,
          contentType: request.contentType || file?.type || undefined,
          size: request.uploadId == null && request.method === 'PUT' ? file?.size : undefined,
          filename: file?.name, // recorded as the file's original name (the key above is made up)
        }),
      })
      if (!response.ok) {
        const problem = await response.json().catch(() => ({}))
        throw new Error(`Uplink refused to sign: ${response.status} ${problem.detail ?? ''}`)
      }
      return response.json()
    },
  })
}

// What the page shows, and what a test reads
window.uplinkResults = { mode, succeeded: [], failed: [], restored: false }

// Golden Retriever saves Uppy's state at most every 500 ms. A page left within that time after an upload finished may
// have saved the file as still uploading, and the next load would offer an uploaded file as one to select again. The
// page notes each finished file at once and drops it from what Golden Retriever brings back.
const finished = finishedFiles()
uppy.on('restored', () => {
  for (const file of uppy.getFiles()) {
    if (finished.has(file.id)) uppy.removeFile(file.id)
  }
  window.uplinkResults.restored = true
})
uppy.on('file-added', (file) => finished.forget(file.id)) // the same file, chosen again, is a new upload
uppy.on('upload-success', (file, response) => {
  finished.add(file.id)
  window.uplinkResults.succeeded.push({ name: file.name, size: file.size, key: response?.body?.key ?? null })
  const item = document.createElement('li')
  item.textContent = `${file.name} (${file.size} bytes)`
  document.getElementById('uploaded').append(item)
})
uppy.on('upload-error', (file, error) => {
  window.uplinkResults.failed.push({ name: file?.name, error: String(error?.message ?? error) })
})
window.uppy = uppy

async function controlledByServiceWorker (script) {
  if (!('serviceWorker' in navigator)) return false
  try {
    await navigator.serviceWorker.register(script, { type: 'module' }) // the script is an ES module
    if (!navigator.serviceWorker.controller) {
      // a first visit: the worker claims this page as soon as it is active
      await new Promise((resolve, reject) => {
        navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true })
        setTimeout(() => reject(new Error('the service worker did not take control')), 10_000)
      })
    }
    return true
  } catch (error) {
    console.warn('Golden Retriever without its service worker: files above 10 MiB are not kept over a reload', error)
    return false
  }
}

/** The ids of files this origin finished uploading in the last 24 hours (Golden Retriever's own expiry). */
function finishedFiles () {
  const key = 'uplink-finished-uploads'
  const dayAgo = Date.now() - 24 * 60 * 60 * 1000
  let ids = {}
  try {
    ids = Object.fromEntries(Object.entries(JSON.parse(localStorage.getItem(key) ?? '{}')).filter(([, at]) => at > dayAgo))
  } catch {
    ids = {}
  }
  const save = () => { try { localStorage.setItem(key, JSON.stringify(ids)) } catch { /* storage full or denied */ } }
  return {
    has: (id) => id in ids,
    add: (id) => { ids[id] = Date.now(); save() },
    forget: (id) => { if (id in ids) { delete ids[id]; save() } },
  }
}
