import { mountPage } from '@/components/mount-page';
import { Dashboard } from '@/components/pages/Dashboard';

mountPage(<Dashboard />);
