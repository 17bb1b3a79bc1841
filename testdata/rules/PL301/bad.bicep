// PL301 fires: clusters that run microsoft.flux without the OIDC issuer.
// Not written on Kubernetes older than 1.34: AKS does not turn it on.
resource missing 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-missing'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  // expect: PL301 error 3-13
  properties: {
    dnsPrefix: 'aks'
    kubernetesVersion: '1.33'
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

// Not written on 1.34 or later, or on the default version: AKS turns it on in a
// cluster it creates, not in one that exists already. A warning.
resource newer 'Microsoft.ContainerService/managedClusters@2025-03-01' = {
  name: 'aks-newer'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  // expect: PL301 warning 3-13
  properties: {
    dnsPrefix: 'aks'
    kubernetesVersion: '1.34.2'
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

resource fluxOnNewer 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: newer
  properties: { extensionType: 'microsoft.flux' }
}

resource defaultVersion 'Microsoft.ContainerService/managedClusters@2025-03-01' = {
  name: 'aks-default-version'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  // expect: PL301 warning 3-13
  properties: {
    dnsPrefix: 'aks'
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

resource fluxOnDefaultVersion 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: defaultVersion
  properties: { extensionType: 'microsoft.flux' }
}

resource fluxOnMissing 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: missing
  properties: { extensionType: 'microsoft.flux' }
}

var oidcEnabled = false

resource disabled 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-disabled'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks'
    // expect: PL301 error 35-46
    oidcIssuerProfile: { enabled: oidcEnabled }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

// A workload-identity flux configuration needs it too, even without an extension in the scan.
// expect: PL106 warning 1-16
resource config 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'config'
  scope: disabled
  properties: {
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      provider: 'Azure'
    }
  }
}
