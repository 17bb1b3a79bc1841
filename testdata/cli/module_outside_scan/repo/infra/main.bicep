// Scanned alone (`patless check repo/infra`): the module outside it installs Flux,
// and the setting comes from a file outside it.
import { issuerEnabled } from '../shared/settings.bicep'

resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks1'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks1'
    oidcIssuerProfile: { enabled: issuerEnabled }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

module flux '../shared/flux.bicep' = {
  name: 'flux'
  params: {
    clusterName: aks.name
  }
}
