module pinned './pinned.bicep' = {
  name: 'pinned'
}

output flux string = pinned.outputs.flux
