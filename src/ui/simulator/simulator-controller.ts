/** Re-renders its host whenever the simulator's state changes; listens only while connected. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Simulator } from '../../state/simulator';

export class SimulatorController implements ReactiveController {
  private readonly onChange = () => this.host.requestUpdate();

  constructor(
    private readonly host: ReactiveControllerHost,
    readonly sim: Simulator,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.sim.addEventListener('change', this.onChange);
  }

  hostDisconnected(): void {
    this.sim.removeEventListener('change', this.onChange);
  }
}
