// SGXHost
