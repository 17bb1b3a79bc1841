// `enableFlux && features.flux.enabled` is `enableFlux && (features.flux.enabled)`:
// Bicep binds `.` before `&&`. (The grammar patless parses with reads it the
// other way round, `(enableFlux && features).flux.enabled`, which patless could
// not evaluate: the extension was only maybe deployed and nothing was reported.)
param enableFlux bool = true
param oidcOnFirst bool = false
var features = {
  flux: { enabled: true }
}
var issuer = {
  on: { enabled: true }
  // expect: PL301 error 19-24
  off: { enabled: false }
}

resource first 'Microsoft.ContainerService/managedClusters@2024-10-01' = {
  name: 'aks-first'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks-first'
    oidcIssuerProfile: oidcOnFirst ? issuer.on : issuer.off
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

resource firstFlux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = if (enableFlux && features.flux.enabled) {
  name: 'flux'
  scope: first
  properties: {
    extensionType: 'microsoft.flux'
    autoUpgradeMinorVersion: true
  }
}

// Silent: the same condition, and `enableFlux ? issuer.on : issuer.off` is issuer.on.
resource second 'Microsoft.ContainerService/managedClusters@2024-10-01' = {
  name: 'aks-second'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks-second'
    oidcIssuerProfile: enableFlux ? issuer.on : issuer.off
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

resource secondFlux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = if (enableFlux && features.flux.enabled) {
  name: 'flux'
  scope: second
  properties: {
    extensionType: 'microsoft.flux'
    autoUpgradeMinorVersion: true
  }
}
