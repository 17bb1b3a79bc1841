// PL301 fires: clusters that run microsoft.flux without the OIDC issuer.
resource missing 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-missing'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  // expect: PL301 error 3-13
  properties: {
    dnsPrefix: 'aks'
    securityProfile: { workloadIdentity: { enabled: true } }
  }
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
