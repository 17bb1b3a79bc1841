// A loop makes the clusters. Neither has the OIDC issuer: one finding where the
// loop writes it, drawn on both clusters. Only the second lacks workload
// identity: drawn on it alone.
resource clusters 'Microsoft.ContainerService/managedClusters@2024-02-01' = [
  for i in range(0, 2): {
    name: 'aks-${i}'
    location: 'westeurope'
    identity: { type: 'SystemAssigned' }
    properties: {
      oidcIssuerProfile: { enabled: false }
      securityProfile: { workloadIdentity: { enabled: i == 0 } }
    }
  }
]

resource extensions 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = [
  for i in range(0, 2): {
    name: 'flux'
    scope: clusters[i]
    properties: {
      extensionType: 'microsoft.flux'
    }
  }
]
