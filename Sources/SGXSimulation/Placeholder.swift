// SGXSimulation
