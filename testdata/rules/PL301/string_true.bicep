// PL301 (and PL302) fire: 'true' in quotes is a string, not the boolean the cluster's API takes;
// AKS decodes its request strictly and refuses the deployment.
resource quoted 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-quoted'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    // expect: PL301 error 35-41
    oidcIssuerProfile: { enabled: 'true' }
    // expect: PL302 error 53-59
    securityProfile: { workloadIdentity: { enabled: 'true' } }
  }
}

resource flux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: quoted
  properties: { extensionType: 'microsoft.flux' }
}
