// The profile written as `cond ? { … } : null`, as the AVM managed-cluster module
// does: with the condition false Azure gets no oidcIssuerProfile, so the issuer
// is not set (first cluster; a warning, as for a missing one). With a condition
// patless cannot know, it may be set: silent (second cluster).
param enableOidcIssuerProfile bool = false
param undecided bool

resource aksOff 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-null-profile1'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks-null-profile1'
    // expect: PL301 warning 5-22
    oidcIssuerProfile: enableOidcIssuerProfile
      ? {
          enabled: enableOidcIssuerProfile
        }
      : null
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

resource fluxOff 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aksOff
  properties: { extensionType: 'microsoft.flux' }
}

resource aksUndecided 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-null-profile2'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks-null-profile2'
    oidcIssuerProfile: undecided ? { enabled: true } : null
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

resource fluxUndecided 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aksUndecided
  properties: { extensionType: 'microsoft.flux' }
}
