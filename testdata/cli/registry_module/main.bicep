// A cluster from the public registry, not restored: patless cannot see what it deploys, and says so once.
module aks 'br/public:avm/res/container-service/managed-cluster:0.10.0' = {
  name: 'aks'
  params: {
    name: 'aks1'
  }
}

module identity 'br:contoso.azurecr.io/bicep/identity:1.0.0' = {
  name: 'identity'
}
